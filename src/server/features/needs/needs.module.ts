/* What the needs feature offers the others (they reach it only through this module). */
export { inScope, needCtes, needPartsOf, needSourceOf, needsRepository, scopeCte, sectorCondition, type PairScope } from './needs.repository.ts';
export { needsRoutes } from './needs.routes.ts';
export { needsService } from './needs.service.ts';
