import { parse } from 'csv-parse/sync';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodEnd } from '../../../shared/contracts/periods.ts';
import { todayIso } from '../../../shared/phases.ts';
import { demoSteps, seedDemoData } from '../../demo/demo.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';

/** An HXL CSV as the feeds write it: the header row, the hashtag row, then one object per data row keyed by hashtag. */
function hxl(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  const [headers = [], tags = [], ...data]: string[][] = parse(response.body, { bom: true });
  return { headers, tags, rows: data.map((cells) => Object.fromEntries(tags.map((tag, i) => [tag, cells[i] ?? '']))) };
}

const number = (value: string | undefined) => (value === undefined || value === '' ? 0 : Number(value));
const sum = (rows: Record<string, string>[], tag: string) => rows.reduce((total, row) => total + number(row[tag]), 0);

describe.each(databaseKinds)('HXL feeds on %s', (kind) => {
  let t: TestApp;
  let coordinator: Session;
  let viewer: Session;
  let readToken: string;
  let latest: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoData(t.database.db, demoSteps);
    coordinator = await t.login('coordinator');
    viewer = await t.login('viewer');
    const created = await t.request(coordinator, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'Power Query', scope: 'read' } });
    readToken = created.json().secret;
    const row = await t.database.db
      .selectFrom('responses')
      .select((eb) => eb.fn.max('period').as('period'))
      .executeTakeFirstOrThrow();
    latest = String(row.period).slice(0, 7);
  }, 240_000);
  afterAll(() => t?.close());

  const withToken = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${readToken}`, ...headers } });

  it('gives the 5W added up by month, commune, organisation and sector, HXL-tagged, to a token or a session, and to nobody else', async () => {
    const url = `/api/v1/feeds/5w.csv?region=ML05&month=${latest}`;
    const feed = hxl(await withToken(url));
    expect(feed.tags).toEqual([
      '#date+reported',
      '#adm1+name',
      '#adm1+code',
      '#adm2+name',
      '#adm2+code',
      '#adm3+name',
      '#adm3+code',
      '#org+prog+acronym',
      '#sector',
      '#activity+num',
      '#loc+num',
      '#targeted+hh',
      '#reached+hh',
      '#targeted+ind',
      '#reached+ind',
    ]);
    expect(feed.headers.slice(0, 3)).toEqual(['Mois de rapportage', 'Région', 'Code P région']);
    expect(feed.rows.length).toBeGreaterThan(0);
    expect(new Set(feed.rows.map((r) => r['#adm1+code']))).toEqual(new Set(['ML05']));
    expect(new Set(feed.rows.map((r) => r['#date+reported']))).toEqual(new Set([latest]));

    // The same totals as the records themselves, and each row one organisation × commune × sector.
    const records = await t.database.db
      .selectFrom('responses')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('households_reached').as('reached'),
        eb.fn.sum<number>('persons_targeted').as('targeted'),
      ])
      .where('adm1_pcode', '=', 'ML05')
      .where('period', '=', `${latest}-01`)
      .executeTakeFirstOrThrow();
    expect(sum(feed.rows, '#activity+num')).toBe(Number(records.n));
    expect(sum(feed.rows, '#reached+hh')).toBe(Number(records.reached));
    expect(sum(feed.rows, '#targeted+ind')).toBe(Number(records.targeted));
    const keys = feed.rows.map((r) => [r['#adm3+code'], r['#org+prog+acronym'], r['#sector']].join('|'));
    expect(new Set(keys).size).toBe(keys.length);

    // English headers when asked, the same hashtags.
    const english = hxl(await withToken(`${url}&lang=en`));
    expect(english.headers.slice(0, 3)).toEqual(['Reporting month', 'Region', 'Region P-code']);
    expect(english.tags).toEqual(feed.tags);
    expect(english.rows.length).toBe(feed.rows.length);

    // A session reads it too; the token also works as the password of Basic credentials (Excel, Power BI).
    expect((await t.request(coordinator, { method: 'GET', url })).body).toBe((await withToken(url)).body);
    const basic = await t.app.inject({ method: 'GET', url, headers: { authorization: `Basic ${Buffer.from(`jeton:${readToken}`).toString('base64')}` } });
    expect(basic.statusCode).toBe(200);

    // Signed out: 401 with the challenge a spreadsheet tool answers with its credentials dialog.
    const anonymous = await t.request(null, { method: 'GET', url });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Basic realm="Relais", charset="UTF-8"');
    // A donor reads aggregated figures, not who does what where.
    expect((await t.request(viewer, { method: 'GET', url })).statusCode).toBe(403);
  });

  it('answers 304 to a conditional request until the figures change, then the new figures', async () => {
    const url = `/api/v1/feeds/5w.csv?region=ML05&month=${latest}&sector=sante,eha`;
    const first = await withToken(url);
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(new Date(lastModified).getTime()).toBeLessThanOrEqual(Date.now());
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers.vary).toBe('Authorization, Cookie');

    const byTag = await withToken(url, { 'if-none-match': etag });
    expect(byTag.statusCode).toBe(304);
    expect(byTag.body).toBe('');
    expect(byTag.headers.etag).toBe(etag);
    expect((await withToken(url, { 'if-modified-since': lastModified })).statusCode).toBe(304);
    expect((await withToken(url, { 'if-none-match': '"something-else"' })).statusCode).toBe(200);
    // Another question, another ETag; another language too.
    expect((await withToken(`/api/v1/feeds/5w.csv?region=ML05&month=${latest}`)).headers.etag).not.toBe(etag);
    expect((await withToken(`${url}&lang=en`)).headers.etag).not.toBe(etag);

    // A 5W record changes: the old validators no longer match.
    const record = await t.database.db
      .selectFrom('responses')
      .select(['id', 'version', 'households_reached'])
      .where('adm1_pcode', '=', 'ML05')
      .where('period', '=', `${latest}-01`)
      .where('sector', '=', 'sante')
      .executeTakeFirstOrThrow();
    const patched = await t.request(coordinator, {
      method: 'PATCH',
      url: `/api/v1/responses/${record.id}`,
      payload: { householdsReached: (record.households_reached ?? 0) + 7, version: record.version },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const after = await withToken(url, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(sum(hxl(after).rows, '#reached+hh')).toBe(sum(hxl(first).rows, '#reached+hh') + 7);
    expect(new Date(String(after.headers['last-modified'])).getTime()).toBeGreaterThanOrEqual(new Date(lastModified).getTime());
  });

  it('gives the gaps of a region and sector at a date, without organisations or follow-up notes, to every reader of gaps', async () => {
    const feed = hxl(await withToken('/api/v1/feeds/gaps.csv?region=ML05&sector=sante'));
    expect(feed.tags[0]).toBe('#date+reported');
    expect(feed.tags).toEqual(expect.arrayContaining(['#adm1+code', '#loc+code', '#sector', '#inneed+hh', '#reached+hh', '#inneed+hh+unmet', '#status']));
    expect(feed.tags).not.toContain('#org');
    expect(feed.tags).not.toContain('#description+followup');
    expect(feed.rows.length).toBeGreaterThan(0);
    expect(new Set(feed.rows.map((r) => r['#adm1+code']))).toEqual(new Set(['ML05']));
    expect(new Set(feed.rows.map((r) => r['#sector']))).toEqual(new Set(['Santé']));
    expect(new Set(feed.rows.map((r) => r['#date+reported']))).toEqual(new Set([todayIso()]));

    // The same pairs and gaps as the gap list.
    const list = await t.request(coordinator, { method: 'GET', url: '/api/v1/gaps?region=ML05&sector=sante&pageSize=500' });
    expect(feed.rows.length).toBe(list.json().total);
    expect(sum(feed.rows, '#inneed+hh+unmet')).toBe(list.json().items.reduce((total: number, row: { gap: number | null }) => total + (row.gap ?? 0), 0));

    // A donor reads it too (aggregated figures); a past month gives the situation on its last day.
    const lastMonth = hxl(await t.request(viewer, { method: 'GET', url: `/api/v1/feeds/gaps.csv?region=ML05&sector=sante&month=${latest}` }));
    const day = periodEnd(latest) < todayIso() ? periodEnd(latest) : todayIso();
    expect(new Set(lastMonth.rows.map((r) => r['#date+reported']))).toEqual(new Set([day]));
    const future = await withToken('/api/v1/feeds/gaps.csv?month=2099-01');
    expect(future.statusCode).toBe(400);
    expect(future.json().code).toBe('feed_month_future');
    const badRegion = await withToken('/api/v1/feeds/gaps.csv?region=Mopti');
    expect(badRegion.statusCode).toBe(400);
  });

  it('gives capacities without contacts or remarks, and alerts without their free text', async () => {
    const capacities = hxl(await withToken(`/api/v1/feeds/capacities.csv?month=${latest}`));
    expect(capacities.tags).toEqual([
      '#date+reported',
      '#org+prog',
      '#sector',
      '#adm1+name',
      '#adm1+code',
      '#capacity+hh',
      '#status+funding',
      '#capacity+staff',
    ]);
    expect(capacities.rows.length).toBeGreaterThan(0);
    expect(new Set(capacities.rows.map((r) => r['#date+reported']))).toEqual(new Set([latest]));
    const declared = await t.database.db
      .selectFrom('capacities')
      .select((eb) => eb.fn.sum<number>('households').as('households'))
      .where('period', '=', `${latest}-01`)
      .executeTakeFirstOrThrow();
    expect(sum(capacities.rows, '#capacity+hh')).toBe(Number(declared.households));

    const alerts = hxl(await withToken('/api/v1/feeds/alerts.csv?region=ML05'));
    expect(alerts.tags).toEqual(
      expect.arrayContaining(['#event+code', '#event+type', '#date+alert', '#affected+hh', '#affected+ind', '#status', '#status+phase']),
    );
    for (const freeText of ['#loc+name+origin', '#description', '#description+rejection']) expect(alerts.tags).not.toContain(freeText);
    const inRegion = await t.database.db
      .selectFrom('alerts')
      .innerJoin('localities', 'localities.id', 'alerts.host_locality_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('localities.adm1_pcode', '=', 'ML05')
      .executeTakeFirstOrThrow();
    expect(alerts.rows.length).toBe(Number(inRegion.n));
    // A month: the alerts received in it; a sector: those whose assessment found needs in it.
    const month = alerts.rows[0]!['#date+alert']!.slice(0, 7);
    const ofMonth = hxl(await withToken(`/api/v1/feeds/alerts.csv?region=ML05&month=${month}`));
    expect(ofMonth.rows.length).toBe(alerts.rows.filter((r) => r['#date+alert']!.startsWith(month)).length);
    const needSectors = alerts.tags.find((tag) => tag.startsWith('#sector'))!;
    const withHealthNeeds = hxl(await withToken('/api/v1/feeds/alerts.csv?region=ML05&sector=sante'));
    expect(withHealthNeeds.rows.length).toBe(alerts.rows.filter((r) => r[needSectors]!.includes('Santé')).length);
    expect(withHealthNeeds.rows.length).toBeGreaterThan(0);
  });

  it('gives the public figures without sign-in once the public page is on, the same as the page shows', async () => {
    const admin = await t.login('admin');
    const turn = async (publicPageEnabled: boolean) => {
      const settings = (await t.request(admin, { method: 'GET', url: '/api/v1/settings/dashboard' })).json();
      expect((await t.request(admin, { method: 'PUT', url: '/api/v1/settings/dashboard', payload: { ...settings, publicPageEnabled } })).statusCode).toBe(200);
    };
    await turn(false);
    const closed = await t.request(null, { method: 'GET', url: '/api/v1/feeds/public.csv' });
    expect(closed.statusCode).toBe(404);
    expect(closed.json().code).toBe('public_page_disabled');
    await turn(true);

    const response = await t.request(null, { method: 'GET', url: '/api/v1/feeds/public.csv' });
    const feed = hxl(response);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(feed.tags).toEqual([
      '#date+reported',
      '#adm1+name',
      '#adm1+code',
      '#sector',
      '#loc+num',
      '#inneed+hh',
      '#reached+hh',
      '#inneed+hh+unmet',
      '#indicator+coverage+pct',
      '#indicator+gaps+open',
      '#indicator+gaps+upcoming',
    ]);
    expect(new Set(feed.rows.map((r) => r['#adm1+code'])).size).toBeGreaterThan(1);

    // Summed over regions, a sector's figures are the public page's.
    const page = (await t.request(null, { method: 'GET', url: '/api/public/dashboard' })).json();
    for (const sector of page.coverageBySector as { sector: string; need: number; gap: number; pairs: number }[]) {
      const label = sector.sector === 'sante' ? 'Santé' : null;
      if (!label) continue;
      const rows = feed.rows.filter((r) => r['#sector'] === label);
      expect(sum(rows, '#inneed+hh')).toBe(sector.need);
      expect(sum(rows, '#inneed+hh+unmet')).toBe(sector.gap);
      expect(sum(rows, '#loc+num')).toBe(sector.pairs);
    }
    const mopti = hxl(await t.request(null, { method: 'GET', url: '/api/v1/feeds/public.csv?region=ML05&sector=sante,eha' }));
    expect(new Set(mopti.rows.map((r) => `${r['#adm1+code'] ?? ''} ${r['#sector'] ?? ''}`))).toEqual(
      new Set(['ML05 Santé', 'ML05 EHA (eau, hygiène, assainissement)']),
    );
    const etag = String(response.headers.etag);
    expect((await t.request(null, { method: 'GET', url: '/api/v1/feeds/public.csv', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
  });
});
