import { meetingsApi } from '../../../shared/contracts/meetings.ts';
import { type App, contextOf, languageOf, sendDownload } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { DecisionsService } from './decisions.service.ts';
import type { MeetingMessagesService } from './meeting-messages.service.ts';
import type { MeetingsService } from './meetings.service.ts';
import type { RemindersService } from './reminders.service.ts';

export function meetingsRoutes(app: App, deps: { meetings: MeetingsService; decisions: DecisionsService; messages: MeetingMessagesService; reminders: RemindersService }) {
  const { meetings, decisions, messages, reminders } = deps;
  routes(app, meetingsApi, {
    list: (request) => meetings.list(contextOf(request), request.query),
    create: (request) => meetings.create(contextOf(request), request.body),
    decisionsAbout: (request) => decisions.about(contextOf(request), request.query.localityId, request.query.sector),
    owners: (request) => meetings.owners(contextOf(request), request.query.organisationId),
    runReminders: (request) => reminders.runNow(contextOf(request), request.query.at),
    get: (request) => meetings.get(contextOf(request), request.params.id),
    update: (request) => meetings.update(contextOf(request), request.params.id, request.body),
    setStatus: (request) => meetings.setStatus(contextOf(request), request.params.id, request.body),
    agenda: (request) => meetings.agenda(contextOf(request), request.params.id),
    updateAgenda: (request) => meetings.updateAgenda(contextOf(request), request.params.id, request.body),
    refreshAgenda: (request) => meetings.refreshAgenda(contextOf(request), request.params.id, request.body.version),
    updateNotes: (request) => meetings.updateNotes(contextOf(request), request.params.id, request.params.itemId, request.body),
    createDecision: (request) => decisions.create(contextOf(request), request.params.id, request.body),
    updateDecision: (request) => decisions.update(contextOf(request), request.params.id, request.params.decisionId, request.body),
    deleteDecision: (request) => decisions.remove(contextOf(request), request.params.id, request.params.decisionId, request.query.version),
    sendInvitations: (request) => messages.sendInvitations(contextOf(request), request.params.id, request.body.version),
    minutesPdf: async (request, reply) => sendDownload(reply, await messages.minutesPdf(contextOf(request), request.params.id, languageOf(request))),
    invitationIcs: async (request, reply) => sendDownload(reply, await messages.invitationFile(contextOf(request), request.params.id, languageOf(request))),
  });
}
