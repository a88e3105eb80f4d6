/**
 * A working day under load: 200 signed-in sessions for 2 minutes against the built server on
 * 127.0.0.1 (the demo data). Partners save 5W records and a coordinator's sessions save alerts while
 * the others read the dashboard, its map, the gaps, the 5W list and pivot and the list registry.
 * Each session waits 0.5–1.5 s between requests (a person, not a loop), the run is bounded in time
 * and in requests. Prints the requests per second, the errors (target 0), p50/p95/p99 per route
 * (target p95 under 300 ms on PostgreSQL), and whether every figure read right after a write
 * includes it (the writer's next pivot counts its record).
 *
 *   npm run build && npx tsx bench/load.ts [sessions=200] [seconds=120]
 *   LOAD_DATABASE_URL=postgres://postgres@127.0.0.1:5432/relais_load npx tsx bench/load.ts
 *     (an empty database: the server migrates it and loads the demo)
 *
 * The load generator runs on the same machine as the server: on 2 cores it takes part of the CPU.
 */
import { pathToFileURL } from 'node:url';
import { startServer } from './built-server.ts';
import { type HttpSession as Session, signIn } from './http-session.ts';

const latencies = new Map<string, number[]>();
const errors = new Map<string, number>();
let requests = 0;

/** One request, timed under its route's name; answers other than `expected` count as errors. */
async function call(url: string, session: Session, route: string, method: string, address: string, body?: unknown, expected = [200]) {
  const started = performance.now();
  let status: number;
  let json: unknown = null;
  try {
    const response = await fetch(`${url}${address}`, {
      method,
      headers: {
        cookie: session.cookie,
        'accept-encoding': 'gzip, br',
        ...(body === undefined ? {} : { 'content-type': 'application/json', 'x-csrf-token': session.csrf }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    status = response.status;
    json = response.headers.get('content-type')?.includes('json') ? await response.json() : await response.arrayBuffer();
  } catch {
    status = -1;
  }
  const ms = performance.now() - started;
  requests++;
  (latencies.get(route) ?? latencies.set(route, []).get(route)!).push(ms);
  if (!expected.includes(status)) errors.set(`${route} → ${status}`, (errors.get(`${route} → ${status}`) ?? 0) + 1);
  return { status, json };
}

const month = new Date().toISOString().slice(0, 7);
const reads: { route: string; address: string }[] = [
  { route: 'dashboard', address: '/api/v1/dashboard' },
  { route: 'dashboard map', address: '/api/v1/dashboard/map' },
  { route: 'dashboard trends', address: '/api/v1/dashboard/trends' },
  { route: 'gaps', address: '/api/v1/gaps?open=true&sort=-gap&pageSize=25' },
  { route: '5W list', address: `/api/v1/responses?period=${month}&pageSize=25` },
  { route: '5W pivot', address: `/api/v1/responses/pivot?period=${month}&rows=sector&cols=adm1` },
  { route: 'alerts', address: '/api/v1/alerts?pageSize=25' },
];
const listRegistry = { route: 'list registry', address: '/api/v1/lists?pageSize=25' };

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const pause = () => new Promise((r) => setTimeout(r, 500 + Math.random() * 1000));

export async function run(sessions = Number(process.argv[2] ?? 200), seconds = Number(process.argv[3] ?? 120)) {
  const databaseUrl = process.env.LOAD_DATABASE_URL ?? '';
  // Every session signs in from 127.0.0.1 here; in the field they come from as many addresses.
  const server = await startServer({ databaseUrl, env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  try {
    // One session in five writes: partners of two organisations save 5W records, coordinators alerts.
    const readers = ['viewer@demo.relais', 'regional@demo.relais', 'coordinator@demo.relais', 'custodian@demo.relais'];
    const writers = ['partner@demo.relais', 'partner.irc@demo.relais', 'coordinator@demo.relais'];
    const emails = Array.from({ length: sessions }, (_, i) => (i % 5 === 0 ? writers[(i / 5) % writers.length]! : readers[i % readers.length]!));
    const signInStarted = performance.now();
    const opened: Session[] = [];
    for (let i = 0; i < emails.length; i += 10) opened.push(...(await Promise.all(emails.slice(i, i + 10).map((e) => signIn(server.url, e)))));
    console.log(
      `${opened.length} sessions signed in in ${((performance.now() - signInStarted) / 1000).toFixed(1)} s (${databaseUrl ? 'PostgreSQL' : 'PGlite'})`,
    );

    // What writers copy: one running 5W record of their organisation, and a locality for alerts.
    const template = async (session: Session) => {
      const page = (await call(server.url, session, 'setup', 'GET', `/api/v1/responses?organisationId=${session.organisationId ?? ''}&pageSize=1`)).json as {
        items: { sector: string; locality: { id: string }; populationGroup: string; currency: string }[];
      };
      return page.items[0]!;
    };
    const templates = new Map<string, Awaited<ReturnType<typeof template>>>();
    for (const s of opened) if (s.organisationId && s.email.startsWith('partner') && !templates.has(s.email)) templates.set(s.email, await template(s));
    const coordinator = opened.find((s) => s.email === 'coordinator@demo.relais')!;
    const alertLocality = [...templates.values()][0]!.locality.id;

    const maxRequests = sessions * seconds * 2;
    const until = performance.now() + seconds * 1000;
    let writes = 0;
    let writesSeen = 0;
    let writesChecked = 0;
    const runSession = async (session: Session, index: number) => {
      const writer = index % 5 === 0;
      await new Promise((r) => setTimeout(r, Math.random() * 1500));
      let step = 0;
      while (performance.now() < until && requests < maxRequests) {
        step++;
        const partnerTemplate = templates.get(session.email);
        if (writer && partnerTemplate && step % 4 === 1) {
          // A 5W record saved, then the writer's own pivot for that place and month must count it.
          const pivotAddress = `/api/v1/responses/pivot?period=${month}&localityId=${partnerTemplate.locality.id}&rows=organisation&cols=month`;
          const before = (await call(server.url, session, '5W pivot (place)', 'GET', pivotAddress)).json as { total?: { records: number } };
          const saved = await call(
            server.url,
            session,
            '5W save',
            'POST',
            '/api/v1/responses',
            {
              period: month,
              sector: partnerTemplate.sector,
              activity: `Distribution (charge ${index}-${step})`,
              localityId: partnerTemplate.locality.id,
              status: 'ongoing',
              startDate: `${month}-01`,
              populationGroup: partnerTemplate.populationGroup,
              householdsTargeted: 40,
              householdsReached: 20,
              currency: partnerTemplate.currency,
            },
            [201],
          );
          if (saved.status === 201) {
            writes++;
            const after = (await call(server.url, session, '5W pivot (place)', 'GET', pivotAddress)).json as { total?: { records: number } };
            writesChecked++;
            if ((after.total?.records ?? 0) >= (before.total?.records ?? 0) + 1) writesSeen++;
          }
        } else if (writer && session.email === coordinator.email && step % 6 === 1) {
          const saved = await call(
            server.url,
            session,
            'alert save',
            'POST',
            '/api/v1/alerts',
            {
              shockType: 'armed_conflict',
              shockDate: `${month}-01`,
              alertDate: `${month}-02`,
              hostLocalityId: alertLocality,
              originPcodes: ['ML0507'],
              originText: `Charge ${index}-${step}`,
              households: 30,
              persons: 180,
              populationGroup: 'idp',
            },
            [201],
          );
          if (saved.status === 201) writes++;
        } else {
          // The donor viewer and the list custodian read aggregated figures, not the 5W records
          // themselves (no 5W rights); the custodian reads the list registry too.
          const custodian = session.email === 'custodian@demo.relais';
          const own = custodian || session.email === 'viewer@demo.relais' ? reads.filter((r) => r.route !== '5W list') : reads;
          const read = custodian && step % 3 === 0 ? listRegistry : own[(index + step) % own.length]!;
          await call(server.url, session, read.route, 'GET', read.address);
        }
        await pause();
      }
    };
    const started = performance.now();
    await Promise.all(opened.map((s, i) => runSession(s, i)));
    const elapsed = (performance.now() - started) / 1000;

    latencies.delete('setup');
    const total = [...latencies.values()].reduce((n, l) => n + l.length, 0);
    const failed = [...errors.values()].reduce((a, b) => a + b, 0);
    console.log(`${total} requests in ${elapsed.toFixed(0)} s: ${(total / elapsed).toFixed(0)} requests/s, ${failed} errors, ${writes} writes`);
    console.log(`Reads right after a write that include it: ${writesSeen} of ${writesChecked}`);
    console.log('route                 requests     p50     p95     p99     max (ms)');
    for (const [route, list] of [...latencies.entries()].sort()) {
      const sorted = [...list].sort((a, b) => a - b);
      const cells = [50, 95, 99, 100].map((p) => percentile(sorted, p).toFixed(0).padStart(7));
      console.log(`${route.padEnd(20)} ${String(list.length).padStart(9)} ${cells.join(' ')}`);
    }
    for (const [what, count] of errors) console.log(`  error ${what}: ${count}`);
  } finally {
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await run();
