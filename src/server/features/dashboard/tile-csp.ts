import type { App } from '../../lib/http.ts';
import type { DashboardSettingsRepository } from '../settings/settings.module.ts';

/** The origin of a tile URL template such as https://tiles.example.org/{z}/{x}/{y}.png. */
export function tileOrigin(template: string): string | null {
  try {
    return new URL(template.replace(/\{[a-z]+\}/gi, '0')).origin;
  } catch {
    return null;
  }
}

/** Adds an origin to the listed directives of a Content-Security-Policy, creating them from default-src when absent. */
export function allowOrigin(policy: string, directives: readonly string[], origin: string): string {
  const parts = policy.split(';').map((p) => p.trim()).filter(Boolean);
  const fallback = parts.find((p) => p.startsWith('default-src '))?.slice('default-src '.length) ?? "'self'";
  for (const directive of directives) {
    const index = parts.findIndex((p) => p.split(' ')[0] === directive);
    if (index === -1) parts.push(`${directive} ${fallback} ${origin}`);
    else {
      const directiveText = parts[index]!;
      if (!directiveText.split(' ').includes(origin)) parts[index] = `${directiveText} ${origin}`;
    }
  }
  return parts.join(';');
}

/**
 * The map fetches background tiles from the address an administrator set: the page's security
 * policy, strict by default, lets that one origin through (and no other).
 */
export function allowTileOrigin(app: App, settings: DashboardSettingsRepository) {
  app.addHook('onSend', async (_request, reply, payload) => {
    const policy = reply.getHeader('content-security-policy');
    const type = String(reply.getHeader('content-type') ?? '');
    if (typeof policy !== 'string' || !type.startsWith('text/html')) return payload;
    const { backgroundTileUrl } = await settings.get();
    const origin = backgroundTileUrl ? tileOrigin(backgroundTileUrl) : null;
    if (origin) reply.header('content-security-policy', allowOrigin(policy, ['connect-src', 'img-src'], origin));
    return payload;
  });
}
