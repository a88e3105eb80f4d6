import type { App } from '../../lib/http.ts';
import type { GapAlertsService } from './gap-alerts.service.ts';

/**
 * Runs the gap alerts every `everyMinutes` while the server is up, and the weekly digest (sent
 * once per ISO week: the notifications' keys make later runs of the week add nothing). Several
 * server processes on one PostgreSQL may all run it: each event still reaches a user once.
 */
export function scheduleGapAlerts(app: App, gapAlerts: GapAlertsService, everyMinutes: number): void {
  if (everyMinutes <= 0) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const alerts = await gapAlerts.run();
      const digest = await gapAlerts.digest();
      app.log.info({ notifications: alerts.notifications + digest.notifications, emailed: alerts.emailed + digest.emailed, emailFailures: alerts.emailFailures + digest.emailFailures }, 'gap alerts');
    } catch (error) {
      app.log.error({ err: error }, 'gap alerts failed');
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
