/** A signed-in demo account for the benchmarks that drive the built server over HTTP. */
export interface HttpSession {
  email: string;
  cookie: string;
  csrf: string;
  organisationId: string | null;
}

export async function signIn(url: string, email: string): Promise<HttpSession> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'relais-demo' }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email}: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const user = (await response.json()) as { csrfToken: string; organisationId: string | null };
  return { email, cookie, csrf: user.csrfToken, organisationId: user.organisationId };
}
