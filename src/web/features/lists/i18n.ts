import { messageNamespace, type MessageKeys } from '../../i18n/namespace.ts';
import { listsEn, listsFr } from './messages.ts';

/** The beneficiary-list pages' strings, in their own namespace (see src/web/i18n/namespace.ts). */
export const useListsT = messageNamespace('lists', listsFr, listsEn);
export type ListsKey = MessageKeys<typeof listsFr>;
