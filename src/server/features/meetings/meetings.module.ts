import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { App } from '../../lib/http.ts';
import { gapAlertsRepository, gapsRepository, type GapsService } from '../gaps/gaps.module.ts';
import { seedDemoOnce } from '../../demo/demo.ts';
import { createMailer } from '../../lib/mailer.ts';
import { actionPointsRepository } from './action-points.repository.ts';
import { actionPointsRoutes } from './action-points.routes.ts';
import { actionPointsService } from './action-points.service.ts';
import { agendaBuilder } from './agenda-builder.ts';
import { agendaSourcesRepository } from './agenda-sources.repository.ts';
import { agendaRepository } from './agenda.repository.ts';
import { decisionsRepository } from './decisions.repository.ts';
import { decisionsService } from './decisions.service.ts';
import { type MeetingMessagesService, meetingMessagesService } from './meeting-messages.service.ts';
import { meetingViews } from './meeting-view.ts';
import { meetingsRepository } from './meetings.repository.ts';
import { seedDemoMeetings } from './meetings.demo.ts';
import { meetingsRoutes } from './meetings.routes.ts';
import { meetingsService } from './meetings.service.ts';
import { scheduleReminders } from './reminders.scheduler.ts';
import { remindersService } from './reminders.service.ts';

/** Wires coordination meetings (agendas, minutes, decisions, action points, files, messages, reminders) into the app. */
export function registerMeetings(app: App, deps: { db: Kysely<DB>; config: Config; gaps: GapsService }) {
  const { db, config, gaps } = deps;
  const repositories = {
    meetings: meetingsRepository(db),
    agenda: agendaRepository(db),
    decisions: decisionsRepository(db),
    actionPoints: actionPointsRepository(db),
    notifications: gapAlertsRepository(db),
  };
  const gapData = gapsRepository(db);
  const builder = agendaBuilder({ sources: agendaSourcesRepository(db), computeGaps: (filters) => gaps.compute(filters), capacityLeft: (at, scope) => gapData.capacityLeft(at, scope) });
  const views = meetingViews(repositories);
  const mailer = createMailer(config);
  if (mailer)
    app.addHook('onClose', (_instance, done) => {
      mailer.close();
      done();
    });

  // Messages follow a committed status change; a failure there is logged, the change stands.
  // `messages` is declared below (it needs the meetings service); hooks only run on later requests.
  const after = (what: string, send: (m: MeetingMessagesService) => Promise<void>) =>
    send(messages).catch((error: unknown) => app.log.error({ err: error }, `meeting ${what} messages failed`));
  const meetings = meetingsService({
    db,
    ...repositories,
    builder,
    views,
    hooks: {
      published: (ctx: ServiceContext, id: string) => after('minutes', (m) => m.published(ctx, id)),
      cancelled: (ctx: ServiceContext, id: string) => after('cancellation', (m) => m.cancelled(ctx, id)),
    },
  });
  const messages = meetingMessagesService({ db, ...repositories, views, meetingsService: meetings, mailer, mailFrom: config.mailFrom, publicUrl: config.publicUrl });
  const services = {
    meetings,
    messages,
    decisions: decisionsService({ db, ...repositories, views, meetingsService: meetings }),
    actionPoints: actionPointsService({ db, ...repositories, views, meetingsService: meetings }),
    reminders: remindersService({ db, actionPoints: repositories.actionPoints, notifications: repositories.notifications, mailer, publicUrl: config.publicUrl }),
  };
  meetingsRoutes(app, services);
  actionPointsRoutes(app, services);
  scheduleReminders(app, services.reminders, config.actionRemindersEveryMinutes);
  // The demo's meetings go through the services once the app is ready (agendas read the gap engine).
  if (config.demoData) {
    app.addHook('onReady', async () => {
      await seedDemoOnce(db, 'meetings', () => seedDemoMeetings(services, repositories.meetings));
    });
  }
  return services;
}
