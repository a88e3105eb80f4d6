import { messageNamespace } from '../../i18n/namespace.ts';
import { assessmentsEn, assessmentsFr, gapsEn, gapsFr, notificationsEn, notificationsFr } from './messages.ts';

const fr = { gaps: gapsFr, assessments: assessmentsFr, notifications: notificationsFr };

/** The gap, assessment and notification pages' strings, in their own namespace (see src/web/i18n/namespace.ts). */
export const useGapsT = messageNamespace('gaps', fr, { gaps: gapsEn, assessments: assessmentsEn, notifications: notificationsEn });
