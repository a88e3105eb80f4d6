import type { App } from '../../lib/http.ts';
import type { RemindersService } from './reminders.service.ts';

/**
 * Runs the action point reminders every `everyMinutes` while the server is up. Several server
 * processes on one PostgreSQL may all run it: the notifications' keys still make each reminder
 * reach a user once.
 */
export function scheduleReminders(app: App, reminders: RemindersService, everyMinutes: number): void {
  if (everyMinutes <= 0) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = await reminders.run();
      app.log.info({ notifications: result.notifications, emailed: result.emailed, emailFailures: result.emailFailures }, 'action point reminders');
    } catch (error) {
      app.log.error({ err: error }, 'action point reminders failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMinutes * 60_000);
  timer.unref();
  app.addHook('onClose', (_instance, done) => {
    clearInterval(timer);
    done();
  });
}
