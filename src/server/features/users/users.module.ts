/* What the users feature offers the others (they reach it only through this module). */
export { type UsersRepository } from './users.repository.ts';
