/* What the gazetteer feature offers the others (they reach it only through this module). */
export { type GazetteerRepository } from './gazetteer.repository.ts';
