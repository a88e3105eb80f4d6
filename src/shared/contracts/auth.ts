import { z } from 'zod';
import { roles } from '../permissions.ts';

export const loginBody = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

export const passwordPolicy = z.string().min(10, { error: 'password_too_short' }).max(200);

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordPolicy,
});

export const currentUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  organisationId: z.uuid().nullable(),
  regions: z.array(z.string()),
  language: z.enum(['fr', 'en']),
  mustChangePassword: z.boolean(),
  /** Sent back in the `x-csrf-token` header on every mutation. */
  csrfToken: z.string(),
});
export type CurrentUser = z.infer<typeof currentUser>;
