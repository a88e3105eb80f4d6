import { messageNamespace } from '../../i18n/namespace.ts';
import { dedupEn, dedupFr } from './messages.ts';

/** The deduplication pages' strings, in their own namespace (see src/web/i18n/namespace.ts). */
export const useDedupT = messageNamespace('dedup', dedupFr, dedupEn);
