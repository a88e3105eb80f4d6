import { afterEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../lib/http.ts';
import { scheduleGapAlerts } from './gap-alerts.scheduler.ts';
import type { GapAlertsService } from './gap-alerts.service.ts';

function fakes(failRun = false) {
  const calls: string[] = [];
  /** onClose hooks as Fastify calls them: with the instance and a callback. */
  const hooks: ((instance: unknown, done: () => void) => void)[] = [];
  const logged: { level: string; message: string }[] = [];
  const result = { at: '2026-03-25', notifications: 1, emailed: 1, emailFailures: 0 };
  const gapAlerts = {
    run: async () => {
      calls.push('run');
      if (failRun) throw new Error('database unavailable');
      return result;
    },
    digest: async () => {
      calls.push('digest');
      return result;
    },
  } as unknown as GapAlertsService;
  const app = {
    log: { info: (_: unknown, message: string) => logged.push({ level: 'info', message }), error: (_: unknown, message: string) => logged.push({ level: 'error', message }) },
    addHook: (_name: string, hook: (instance: unknown, done: () => void) => void) => hooks.push(hook),
  } as unknown as App;
  return { calls, hooks, logged, gapAlerts, app };
}

describe('scheduled gap alerts', () => {
  afterEach(() => vi.useRealTimers());

  it('checks the gaps and the weekly digest at every interval, and stops with the server', async () => {
    vi.useFakeTimers();
    const { calls, hooks, logged, gapAlerts, app } = fakes();
    scheduleGapAlerts(app, gapAlerts, 60);
    await vi.advanceTimersByTimeAsync(59 * 60_000);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(61 * 60_000);
    expect(calls).toEqual(['run', 'digest', 'run', 'digest']);
    expect(logged.map((l) => l.message)).toEqual(['gap alerts', 'gap alerts']);
    await new Promise<void>((resolve) => hooks[0]!(app, resolve));
    await vi.advanceTimersByTimeAsync(180 * 60_000);
    expect(calls).toHaveLength(4);
  });

  it('logs a failed run and tries again at the next interval', async () => {
    vi.useFakeTimers();
    const { calls, logged, gapAlerts, app } = fakes(true);
    scheduleGapAlerts(app, gapAlerts, 10);
    await vi.advanceTimersByTimeAsync(20 * 60_000);
    expect(calls).toEqual(['run', 'run']);
    expect(logged.map((l) => l.level)).toEqual(['error', 'error']);
  });

  it('does nothing when turned off', async () => {
    vi.useFakeTimers();
    const { calls, hooks, gapAlerts, app } = fakes();
    scheduleGapAlerts(app, gapAlerts, 0);
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(calls).toEqual([]);
    expect(hooks).toEqual([]);
  });
});
