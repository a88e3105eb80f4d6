/* What the organisations feature offers the others (they reach it only through this module). */
export { type OrganisationsRepository } from './organisations.repository.ts';
