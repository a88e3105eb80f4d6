import { messageNamespace } from '../../i18n/namespace.ts';
import { tokensEn, tokensFr } from './messages.ts';

/** The API token pages' strings, in their own namespace (see src/web/i18n/namespace.ts). */
export const useTokensT = messageNamespace('tokens', tokensFr, tokensEn);
