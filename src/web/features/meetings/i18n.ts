import { messageNamespace } from '../../i18n/namespace.ts';
import { meetingsEn, meetingsFr } from './messages.ts';

/** The meeting pages' strings, in their own namespace (see src/web/i18n/namespace.ts). */
export const useMeetingsT = messageNamespace('meetings', meetingsFr, meetingsEn);
