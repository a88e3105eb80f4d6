import { afterEach, describe, expect, it, vi } from 'vitest';
import { authApi } from '../../shared/contracts/auth.ts';
import { call } from './client.ts';
import { fetchEarly, forgetEarly, takeEarly } from './early.ts';

const me = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'a@b.c',
  name: 'A',
  role: 'coordinator',
  organisationId: null,
  regions: [],
  language: 'fr',
  mustChangePassword: false,
  csrfToken: 't',
};

function answering(status: number, body: unknown = {}) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  forgetEarly();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('early answers', () => {
  it('are sent as a preload is (no headers of ours) and taken once, by the first call of the address', async () => {
    const fetch = answering(200, me);
    fetchEarly(['/api/v1/auth/me']);
    expect(fetch).toHaveBeenCalledWith('/api/v1/auth/me', { credentials: 'same-origin' });
    await expect(call(authApi.me)).resolves.toMatchObject({ email: 'a@b.c' });
    expect(fetch).toHaveBeenCalledTimes(1);
    // The second call asks the server again.
    await call(authApi.me);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('are not taken when refused (a signed-out visitor): the caller asks again', async () => {
    answering(401, { code: 'unauthenticated', title: 'x', status: 401 });
    fetchEarly(['/api/v1/dashboard']);
    await expect(takeEarly('/api/v1/dashboard')).resolves.toBeNull();
  });

  it('are forgotten on sign-in or sign-out, and once the first load is long past', async () => {
    answering(200, me);
    fetchEarly(['/a', '/b']);
    forgetEarly();
    await expect(takeEarly('/a')).resolves.toBeNull();
    vi.useFakeTimers({ toFake: ['Date'] });
    fetchEarly(['/b']);
    vi.setSystemTime(Date.now() + 60_000);
    await expect(takeEarly('/b')).resolves.toBeNull();
  });
});
