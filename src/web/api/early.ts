/**
 * API answers asked for as the app starts, before any component asks (main.tsx): the first call
 * of the same address takes the answer instead of asking again. Sent as a `<link rel="preload"
 * as="fetch" crossorigin>` sends them (no headers of our own, the browser's language), so the
 * browser answers them from the preloads the server named in the page when there are some.
 * Only a success is taken, while the first load lasts and under the session it was asked in: a
 * refusal (signed out) is asked again by its caller, and a sign-in or sign-out forgets them all.
 */
const lifetimeMs = 30_000;

const early = new Map<string, { answer: Promise<Response>; at: number }>();

export function fetchEarly(urls: readonly string[]) {
  for (const url of urls) {
    const answer = fetch(url, { credentials: 'same-origin' });
    // Nobody may take it (another page opened meanwhile): its failure is nobody's error.
    answer.catch(() => undefined);
    early.set(url, { answer, at: Date.now() });
  }
}

/** The early answer for this address if it came as a success, or null to ask again; taken once (a body is read once). */
export async function takeEarly(url: string): Promise<Response | null> {
  const entry = early.get(url);
  if (!entry) return null;
  early.delete(url);
  if (Date.now() - entry.at > lifetimeMs) return null;
  try {
    const response = await entry.answer;
    return response.ok ? response : null;
  } catch {
    return null;
  }
}

export function forgetEarly() {
  early.clear();
}
