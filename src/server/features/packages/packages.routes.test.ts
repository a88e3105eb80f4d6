import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../../test/multipart.ts';
import { minimalPdf } from '../assessments/minimal-pdf.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';

describe.each(databaseKinds)('harmonised packages and methods on %s', (kind) => {
  let t: TestApp;
  let partner: Session;
  let coordinator: Session;
  let regional: Session;
  let viewer: Session;
  let sevare: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    [partner, coordinator, regional, viewer] = await Promise.all([
      t.login('partner'),
      t.login('coordinator'),
      t.login('regional_coordinator'),
      t.login('viewer'),
    ]);
    sevare = (await t.database.db.selectFrom('localities').select('id').where('pcode', '=', 'ML050109007').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  const foodBasket = {
    sector: 'secal',
    name: 'Transfert monétaire mensuel (PMA)',
    phase: 'post_rrm',
    modality: 'cash',
    components: [{ item: 'Transfert monétaire', quantity: 1, unit: 'versement' }],
    transferValueXof: 75_000,
    recurring: true,
    durationMonths: 3,
    frequency: 'monthly',
    targeting: 'Ménages déplacés de moins de 12 mois, vulnérabilité HEA',
    references: 'Sphère — sécurité alimentaire, standard 1; note du cluster SécAl 2026',
  };
  const post = (s: Session, url: string, payload: Record<string, unknown>) => t.request(s, { method: 'POST', url, payload });

  it('runs the lifecycle: a focal point proposes, the coordinator endorses with a date, 409 on stale edits, audited', async () => {
    expect((await post(partner, '/api/v1/packages', foodBasket)).statusCode).toBe(403);
    // A regional coordinator proposes only in the sectors they follow as cluster focal point.
    const refused = await post(regional, '/api/v1/packages', foodBasket);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('package_not_focal_point');
    const regionalUser = await t.database.db.selectFrom('users').select('id').where('role', '=', 'regional_coordinator').executeTakeFirstOrThrow();
    await t.database.db.insertInto('sector_focal_points').values({ user_id: regionalUser.id, sector: 'secal' }).execute();

    const created = await post(regional, '/api/v1/packages', foodBasket);
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({ status: 'draft', revision: 1, version: 1, transferValueXof: 75_000, can: { edit: true, propose: true, endorse: false } });
    // Drafts are the proposers' work in progress: partners do not see them.
    expect((await t.request(partner, { method: 'GET', url: `/api/v1/packages/${draft.id}` })).statusCode).toBe(404);

    const edited = await t.request(regional, {
      method: 'PUT',
      url: `/api/v1/packages/${draft.id}`,
      payload: { ...foodBasket, transferValueXof: 80_000, version: 1 },
    });
    expect(edited.json()).toMatchObject({ transferValueXof: 80_000, version: 2 });
    const stale = await t.request(coordinator, { method: 'PUT', url: `/api/v1/packages/${draft.id}`, payload: { ...foodBasket, version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', current: { transferValueXof: 80_000 } });

    const proposed = (await post(regional, `/api/v1/packages/${draft.id}/propose`, { version: 2 })).json();
    expect(proposed).toMatchObject({ status: 'proposed', version: 3 });
    expect((await post(regional, `/api/v1/packages/${draft.id}/endorse`, { version: 3, endorsedBy: 'cluster', endorsedOn: '2026-03-10' })).statusCode).toBe(
      403,
    );
    const endorsed = await post(coordinator, `/api/v1/packages/${draft.id}/endorse`, { version: 3, endorsedBy: 'cluster', endorsedOn: '2026-03-10' });
    expect(endorsed.statusCode).toBe(200);
    expect(endorsed.json()).toMatchObject({
      status: 'endorsed',
      endorsement: { by: 'cluster', on: '2026-03-10', decision: null },
      can: { edit: false, revise: true },
    });
    expect((await t.request(coordinator, { method: 'PUT', url: `/api/v1/packages/${draft.id}`, payload: { ...foodBasket, version: 4 } })).json().code).toBe(
      'package_not_editable',
    );
    expect((await post(coordinator, `/api/v1/packages/${draft.id}/propose`, { version: 4 })).json().code).toBe('package_status_transition');

    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action'])
      .where('entity', '=', 'package')
      .where('entity_id', '=', draft.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update']);
  });

  it('keeps versions: a new version is a draft copy, its endorsement supersedes the old one, compared side by side', async () => {
    const v1 = (await t.request(partner, { method: 'GET', url: '/api/v1/packages?sector=secal&status=endorsed' })).json().items[0];
    const v2 = await post(coordinator, `/api/v1/packages/${v1.id}/revise`, { version: v1.version });
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ seriesId: v1.id, revision: 2, status: 'draft', transferValueXof: 80_000 });
    expect((await post(coordinator, `/api/v1/packages/${v1.id}/revise`, { version: v1.version })).json().code).toBe('package_revision_open');
    await t.request(coordinator, {
      method: 'PUT',
      url: `/api/v1/packages/${v2.json().id}`,
      payload: { ...foodBasket, transferValueXof: 85_000, durationMonths: 6, version: 1 },
    });
    await post(coordinator, `/api/v1/packages/${v2.json().id}/propose`, { version: 2 });
    const endorsed = (await post(coordinator, `/api/v1/packages/${v2.json().id}/endorse`, { version: 3, endorsedBy: 'iccg', endorsedOn: '2026-06-02' })).json();
    expect(endorsed.status).toBe('endorsed');
    const versions = (await t.request(partner, { method: 'GET', url: `/api/v1/packages/${v1.id}/versions` })).json().items;
    expect(versions.map((v: { revision: number; status: string; transferValueXof: number }) => [v.revision, v.status, v.transferValueXof])).toEqual([
      [1, 'superseded', 80_000],
      [2, 'endorsed', 85_000],
    ]);
    const current = (await t.request(viewer, { method: 'GET', url: '/api/v1/packages?current=true' })).json();
    expect(current.items.map((p: { revision: number }) => p.revision)).toEqual([2]);
  });

  it('holds methods with the same lifecycle, listed per sector', async () => {
    const method = await post(coordinator, '/api/v1/methods', {
      sector: 'eha',
      name: 'Suivi post-distribution des kits d’hygiène',
      methodType: 'pdm',
      phase: 'post_rrm',
      description: '1. Échantillon de 10 % des ménages…',
      documentUrl: 'https://example.org/cluster-eha/pdm.pdf',
    });
    expect(method.statusCode).toBe(201);
    expect(
      (await post(coordinator, '/api/v1/methods', { sector: 'eha', name: 'x', methodType: 'pdm', phase: 'rrm', documentUrl: 'javascript:alert(1)' }))
        .statusCode,
    ).toBe(400);
    await post(coordinator, `/api/v1/methods/${method.json().id}/propose`, { version: 1 });
    await post(coordinator, `/api/v1/methods/${method.json().id}/endorse`, { version: 2, endorsedBy: 'cluster', endorsedOn: '2026-04-01' });
    const list = (await t.request(partner, { method: 'GET', url: '/api/v1/methods?sector=eha' })).json();
    expect(list.items.map((m: { name: string; status: string; methodType: string }) => [m.name, m.status, m.methodType])).toEqual([
      ['Suivi post-distribution des kits d’hygiène', 'endorsed', 'pdm'],
    ]);
    // Methods are not packages.
    expect((await t.request(partner, { method: 'GET', url: `/api/v1/packages/${method.json().id}` })).statusCode).toBe(404);
  });

  it('attaches PDFs to a method version: checked by content and size, listed, downloaded, carried to the next version, audited', async () => {
    const method = (
      await post(coordinator, '/api/v1/methods', { sector: 'eha', name: 'Distribution des kits d’hygiène', methodType: 'distribution', phase: 'rrm' })
    ).json();
    const url = `/api/v1/methods/${method.id}/attachments`;
    const attach = (s: Session, fileName: string, content: Buffer, headers: Record<string, string> = {}) => {
      const form = multipartFile(fileName, content);
      return t.request(s, { method: 'POST', url, payload: form.payload, headers: { ...form.headers, ...headers } });
    };
    const note = minimalPdf(['Cluster EHA', 'Distribution des kits d’hygiène']);

    // A file named .pdf that is not one is refused, in the reader's language.
    const notPdf = await attach(coordinator, 'note.pdf', Buffer.from('PK\u0003\u0004 un classeur'));
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.json()).toMatchObject({ code: 'method_attachment_not_pdf', title: expect.stringContaining("n'est pas un PDF") });
    const inEnglish = await attach(coordinator, 'note.pdf', Buffer.from('<html>'), { 'accept-language': 'en' });
    expect(inEnglish.json().title).toContain('This file is not a PDF');
    const tooLarge = await attach(coordinator, 'gros.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]));
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ code: 'method_attachment_too_large', detail: '10 Mo / MB' });
    // Only those who may propose in the sector attach; a partner may not at all.
    expect((await attach(regional, 'note.pdf', note)).json()).toMatchObject({ code: 'package_not_focal_point' });
    expect((await attach(partner, 'note.pdf', note)).statusCode).toBe(403);

    const created = await attach(coordinator, 'Note de méthode EHA', note);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ fileName: 'Note de méthode EHA.pdf', size: note.length, uploadedBy: expect.any(String) });
    const attachmentId = created.json().id as string;

    // A draft's files are as hidden as the draft; once proposed everyone reads and downloads them.
    expect((await t.request(partner, { method: 'GET', url })).statusCode).toBe(404);
    await post(coordinator, `/api/v1/methods/${method.id}/propose`, { version: 1 });
    const seen = (await t.request(viewer, { method: 'GET', url })).json();
    expect(seen).toEqual({
      items: [{ id: attachmentId, fileName: 'Note de méthode EHA.pdf', size: note.length, uploadedAt: expect.any(String), uploadedBy: null }],
      canChange: false,
      maxMegabytes: 10,
    });
    expect((await t.request(coordinator, { method: 'GET', url })).json().canChange).toBe(true);
    const download = await t.request(partner, { method: 'GET', url: `${url}/${attachmentId}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''Note%20de%20m%C3%A9thode%20EHA.pdf");
    expect(download.rawPayload.equals(note)).toBe(true);
    expect((await t.request(partner, { method: 'GET', url: `${url}/00000000-0000-4000-8000-000000000000` })).statusCode).toBe(404);

    // The coordinator adds the cluster's signed note to the endorsed version; a new version starts with both.
    await post(coordinator, `/api/v1/methods/${method.id}/endorse`, { version: 2, endorsedBy: 'cluster', endorsedOn: '2026-04-02' });
    const signed = await attach(coordinator, 'note-signee.pdf', minimalPdf(['Signée']));
    expect(signed.statusCode).toBe(201);
    const v2 = (await post(coordinator, `/api/v1/methods/${method.id}/revise`, { version: 3 })).json();
    const carried = (await t.request(coordinator, { method: 'GET', url: `/api/v1/methods/${v2.id}/attachments` })).json();
    expect(carried.items.map((a: { fileName: string }) => a.fileName)).toEqual(['Note de méthode EHA.pdf', 'note-signee.pdf']);
    expect(carried.items.map((a: { id: string }) => a.id)).not.toContain(attachmentId);
    // Removing one from the new draft leaves the endorsed version's files as they were.
    const removed = await t.request(coordinator, { method: 'DELETE', url: `/api/v1/methods/${v2.id}/attachments/${carried.items[1].id}` });
    expect(removed.statusCode).toBe(204);
    expect((await t.request(partner, { method: 'GET', url })).json().items).toHaveLength(2);

    // Once superseded, a version's files no longer change.
    await post(coordinator, `/api/v1/methods/${v2.id}/propose`, { version: 1 });
    await post(coordinator, `/api/v1/methods/${v2.id}/endorse`, { version: 2, endorsedBy: 'cluster', endorsedOn: '2026-05-02' });
    const locked = await attach(coordinator, 'tard.pdf', note);
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('method_attachment_locked');
    expect((await t.request(coordinator, { method: 'DELETE', url: `${url}/${attachmentId}` })).json().code).toBe('method_attachment_locked');

    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'after', 'before'])
      .where('entity', '=', 'method_attachment')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'create', 'delete']);
    expect(audit[0]).toMatchObject({ entity_id: attachmentId, after: { methodId: method.id, fileName: 'Note de méthode EHA.pdf', size: note.length } });
    expect(audit[2]).toMatchObject({ before: { methodId: v2.id, fileName: 'note-signee.pdf' } });
  });

  it('exports packages as XLSX, CSV and HXL', async () => {
    const xlsx = await t.request(partner, { method: 'GET', url: '/api/v1/packages/export?format=xlsx&lang=fr' });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(3).value).toBe('Nom');
    expect(sheet.getRow(2).getCell(1).value).toBe('#meta+id');
    const hxl = await t.request(partner, { method: 'GET', url: '/api/v1/packages/export?format=hxl&lang=en' });
    const lines = hxl.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[1]).toContain('#value+transfer+xof');
    expect(lines.slice(2).map((l) => l.split(',')[4])).toEqual(['Superseded', 'Endorsed']);
    const csv = await t.request(partner, { method: 'GET', url: '/api/v1/methods/export?format=csv&lang=fr' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Suivi post-distribution (PDM)');
  });

  it('records the meeting decision that endorsed a package, chosen among the latest meetings’ decisions', async () => {
    const { db } = t.database;
    const meeting = async (title: string, date: string, status: string) =>
      (
        await db
          .insertInto('meetings')
          .values({ level: 'national', title, region_pcodes: [], date, start_time: '09:00', end_time: '11:00', status })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const decide = async (meetingId: string, number: number, text: string) =>
      (await db.insertInto('meeting_decisions').values({ meeting_id: meetingId, number, text }).returning('id').executeTakeFirstOrThrow()).id;
    const older = await meeting('Cluster Nutrition — avril', '2026-04-15', 'held');
    const latest = await meeting('ICCG — mai', '2026-05-20', 'minutes_published');
    const cancelled = await meeting('Réunion annulée', '2026-05-25', 'cancelled');
    await decide(older, 1, 'Le cluster adopte le protocole de dépistage.');
    const endorsing = await decide(latest, 2, 'L’ICCG valide le paquet nutrition post-RRM.');
    await decide(latest, 1, 'Calendrier des distributions.');
    await decide(cancelled, 1, 'Jamais prise.');

    expect((await t.request(partner, { method: 'GET', url: '/api/v1/packages/endorsement-decisions' })).statusCode).toBe(403);
    expect((await t.request(regional, { method: 'GET', url: '/api/v1/packages/endorsement-decisions' })).statusCode).toBe(403);
    const offered = (await t.request(coordinator, { method: 'GET', url: '/api/v1/packages/endorsement-decisions' })).json().items;
    expect(offered.map((d: { meeting: { title: string }; number: number }) => `${d.meeting.title} #${d.number}`)).toEqual([
      'ICCG — mai #1',
      'ICCG — mai #2',
      'Cluster Nutrition — avril #1',
    ]);
    expect(offered[1]).toEqual({
      id: endorsing,
      number: 2,
      text: 'L’ICCG valide le paquet nutrition post-RRM.',
      meeting: { id: latest, title: 'ICCG — mai', date: '2026-05-20' },
    });

    const draft = (
      await post(coordinator, '/api/v1/packages', { ...foodBasket, sector: 'nutrition', name: 'Supplémentation des enfants de 6 à 59 mois' })
    ).json();
    await post(coordinator, `/api/v1/packages/${draft.id}/propose`, { version: 1 });
    const unknown = await post(coordinator, `/api/v1/packages/${draft.id}/endorse`, {
      version: 2,
      endorsedBy: 'iccg',
      endorsedOn: '2026-05-20',
      decisionId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'endorsement_decision_unknown', title: expect.stringContaining('Cette décision de réunion n') });
    const endorsed = await post(coordinator, `/api/v1/packages/${draft.id}/endorse`, {
      version: 2,
      endorsedBy: 'iccg',
      endorsedOn: '2026-05-20',
      decisionId: endorsing,
    });
    expect(endorsed.statusCode).toBe(200);
    expect(endorsed.json().endorsement).toMatchObject({
      by: 'iccg',
      on: '2026-05-20',
      decision: { id: endorsing, number: 2, meetingId: latest, meetingTitle: 'ICCG — mai', meetingDate: '2026-05-20' },
    });
    // Partners read which decision endorsed it.
    expect((await t.request(partner, { method: 'GET', url: `/api/v1/packages/${draft.id}` })).json().endorsement.decision).toMatchObject({
      number: 2,
      meetingTitle: 'ICCG — mai',
    });
  });

  it('lets a partner report a month of 5W against the package, by form and from the Excel template, and shows who falls short', async () => {
    const pkg = (await t.request(partner, { method: 'GET', url: '/api/v1/packages?sector=secal&status=endorsed' })).json().items[0];
    const response = (households: number, extra: Record<string, unknown> = {}) => ({
      period: '2026-06',
      sector: 'secal',
      activity: `Transfert monétaire ${households}`,
      localityId: sevare,
      status: 'ongoing',
      startDate: '2026-06-02',
      endDate: '2026-08-31',
      householdsReached: households,
      personsReached: households * 6,
      modality: 'cash',
      ...extra,
    });
    const byForm = await post(partner, '/api/v1/responses', response(300, { packageId: pkg.id }));
    expect(byForm.statusCode).toBe(201);
    expect(byForm.json()).toMatchObject({ packageRef: { id: pkg.id, revision: 2 }, deliveredValueXof: null, missingComponents: [] });
    // Another sector's package, or one not endorsed, is refused.
    expect((await post(partner, '/api/v1/responses', response(10, { sector: 'eha', packageId: pkg.id }))).json().code).toBe('package_sector_mismatch');
    const draft = (await post(coordinator, '/api/v1/packages', { ...foodBasket, name: 'Brouillon' })).json();
    expect((await post(partner, '/api/v1/responses', response(10, { packageId: draft.id }))).json().code).toBe('package_unknown');
    expect((await post(partner, '/api/v1/responses', response(100))).statusCode).toBe(201);

    // The template offers the endorsed packages in a drop-down; the partner picks one and records what was given.
    const template = await t.request(partner, { method: 'GET', url: '/api/v1/responses/template?period=2026-06&lang=fr' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const col = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, index) => col.set(cell.text, index));
    const lists = workbook.getWorksheet('listes')!;
    const offered: unknown[] = [];
    lists.eachRow((row) => row.eachCell((cell) => offered.push(cell.value)));
    expect(offered).toContain('Transfert monétaire mensuel (PMA) (v2)');
    expect(offered).not.toContain('Transfert monétaire mensuel (PMA) (v1)');
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    const packageRule = validations[`${sheet.getColumn(col.get('Paquet')!).letter}3`]!;
    expect(packageRule).toMatchObject({ type: 'list', errorStyle: 'warning' });
    // Each row offers the endorsed packages of its own sector: the list is the run of packages,
    // on the hidden sheet, whose sector is the row's (Excel's OFFSET/MATCH/COUNTIF, evaluated here).
    const sectorLetter = sheet.getColumn(col.get('Secteur')!).letter;
    const formula =
      /^OFFSET\('listes'!\$([A-Z]+)\$1,MATCH\(\$([A-Z]+)3,'listes'!\$([A-Z]+)\$2:\$[A-Z]+\$(\d+),0\),0,COUNTIF\('listes'!\$[A-Z]+\$2:\$[A-Z]+\$\d+,\$([A-Z]+)3\),1\)$/.exec(
        packageRule.formulae[0] as string,
      );
    expect(formula?.[2]).toBe(sectorLetter);
    expect(formula?.[5]).toBe(sectorLetter);
    const [valuesLetter, parentsLetter, last] = [formula![1]!, formula![3]!, formula![4]!];
    const offeredFor = (sectorLabel: string) => {
      const out: unknown[] = [];
      for (let r = 2; r <= Number(last); r++)
        if (lists.getCell(`${parentsLetter}${r}`).value === sectorLabel) out.push(lists.getCell(`${valuesLetter}${r}`).value);
      return out;
    };
    expect(offeredFor('Sécurité alimentaire')).toEqual(['Transfert monétaire mensuel (PMA) (v2)']);
    expect(offeredFor('Nutrition')).toEqual(['Supplémentation des enfants de 6 à 59 mois (v1)']);
    expect(offeredFor('EHA (eau, hygiène, assainissement)')).toEqual([]);
    let row = sheet.rowCount + 1;
    const fill = (values: Record<string, ExcelJS.CellValue>) => {
      for (const [header, value] of Object.entries(values)) sheet.getRow(row).getCell(col.get(header)!).value = value;
    };
    // Typed past the drop-down, another sector's package is refused on its row, with the reason.
    fill({
      Secteur: 'EHA (eau, hygiène, assainissement)',
      Activité: 'Kits d’hygiène Sévaré',
      Paquet: 'Transfert monétaire mensuel (PMA) (v2)',
      Localité: 'Sévaré',
      Statut: 'En cours',
      'Date de début': '2026-06-05',
      'Ménages atteints': 50,
    });
    const wrong = multipartFile('5W.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const checked = (
      await t.request(partner, { method: 'POST', url: '/api/v1/responses/import?dryRun=true&period=2026-06', payload: wrong.payload, headers: wrong.headers })
    ).json();
    expect(checked.issues).toContainEqual(
      expect.objectContaining({
        row,
        column: 'package',
        code: 'package_other_sector',
        message:
          'Le paquet « Transfert monétaire mensuel (PMA) (v2) » est d’un autre secteur que celui de la ligne : choisissez un paquet validé du secteur de la ligne.',
      }),
    );
    sheet.spliceRows(row, 1);
    row = sheet.rowCount + 1;
    fill({
      Secteur: 'Sécurité alimentaire',
      Activité: 'Transfert monétaire Sévaré',
      Paquet: 'Transfert monétaire mensuel (PMA) (v2)',
      Localité: 'Sévaré',
      Statut: 'En cours',
      'Date de début': '2026-06-05',
      'Ménages atteints': 200,
      'Valeur remise par ménage (FCFA)': 60_000,
      'Composantes non remises': 'Transfert monétaire',
    });
    const form = multipartFile('5W.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const imported = await t.request(partner, {
      method: 'POST',
      url: '/api/v1/responses/import?dryRun=false&period=2026-06',
      payload: form.payload,
      headers: form.headers,
    });
    expect(imported.json()).toMatchObject({ committed: true, plan: { create: 1 } });

    expect((await t.request(partner, { method: 'GET', url: '/api/v1/packages/conformity' })).statusCode).toBe(403);
    const report = (await t.request(coordinator, { method: 'GET', url: '/api/v1/packages/conformity?from=2026-06&to=2026-06&sector=secal' })).json();
    expect(report.cells).toEqual([
      {
        sector: 'secal',
        regionPcode: 'ML05',
        regionName: 'Mopti',
        period: '2026-06',
        households: 600,
        withPackage: 500,
        following: 300,
        responses: 2,
        deviating: 1,
      },
    ]);
    expect(report.sectors).toEqual([{ sector: 'secal', households: 600, withPackage: 500, following: 300, deviating: 1 }]);
    expect(report.deviating).toHaveLength(1);
    expect(report.deviating[0]).toMatchObject({
      households: 200,
      deliveredValueXof: 60_000,
      deviation: { valueShortfall: 0.294, durationShortfallMonths: 0, missingComponents: ['Transfert monétaire'], follows: false },
    });
    // Donors read the per-sector share on the dashboard, nothing about organisations or records.
    const summary = (await t.request(viewer, { method: 'GET', url: '/api/v1/packages/conformity/summary?from=2026-06&to=2026-06' })).json();
    expect(summary).toEqual({
      from: '2026-06',
      to: '2026-06',
      sectors: expect.arrayContaining([{ sector: 'secal', households: 600, withPackage: 500, following: 300, deviating: 1 }]),
    });
    expect(summary.deviating).toBeUndefined();
    expect(report.usage).toEqual([
      { organisation: 'NRC', packageId: pkg.id, packageName: pkg.name, revision: 2, sector: 'secal', responses: 2, households: 500, deviating: 1 },
    ]);

    // The 5W export writes the package as the template does, so the file imports back unchanged.
    const exported = await t.request(coordinator, { method: 'GET', url: '/api/v1/responses/export?format=csv&period=2026-06&lang=fr' });
    expect(exported.body).toContain('Transfert monétaire mensuel (PMA) (v2)');
  });
});
