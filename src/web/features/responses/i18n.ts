import { messageNamespace } from '../../i18n/namespace.ts';
import { capacitiesEn, capacitiesFr, responsesEn, responsesFr } from './messages.ts';

const fr = { responses: responsesFr, capacities: capacitiesFr };

/** The 5W and capacity pages' strings, in their own namespace (see src/web/i18n/namespace.ts). */
export const useFiveWT = messageNamespace('fiveW', fr, { responses: responsesEn, capacities: capacitiesEn });
