import { messageNamespace } from '../../i18n/namespace.ts';
import { situationMapEn, situationMapFr } from './messages.ts';

/** The map's first view and swap strings, in their own namespace (see src/web/i18n/namespace.ts). */
export const useSituationMapT = messageNamespace('situationMap', situationMapFr, situationMapEn);
