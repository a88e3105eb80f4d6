/* What the auth feature offers the others (they reach it only through this module). */
export { hashPassword, temporaryPassword } from './password.ts';
export { type SessionsRepository } from './sessions.repository.ts';
