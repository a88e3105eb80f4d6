import { messageNamespace } from '../../i18n/namespace.ts';
import { handoversEn, handoversFr } from './messages.ts';

/** The handover pages' strings, in their own namespace (see src/web/i18n/namespace.ts). */
export const useHandoversT = messageNamespace('handovers', handoversFr, handoversEn);
