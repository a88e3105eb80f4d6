import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutlineCollection } from '../../../shared/contracts/dashboard.ts';
import { seedDemoData } from '../../demo/demo.ts';
import { maliCodDir } from '../../test/reference-data.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { gazetteerBoundariesDemoStep } from './gazetteer.demo.ts';

describe.each(databaseKinds)('demo boundaries on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoData(t.database.db, [gazetteerBoundariesDemoStep]);
  });
  afterAll(() => t.close());

  it('draws the COD regions and cercles from a first start, served simplified', async () => {
    const coordinator = await t.login('coordinator');
    const get = async (url: string) => {
      const response = await t.request(coordinator, { method: 'GET', url });
      expect(response.statusCode).toBe(200);
      return { collection: response.json<OutlineCollection>(), bytes: response.body.length };
    };
    const regions = await get('/api/v1/dashboard/boundaries?level=1');
    expect(regions.collection.features.map((f) => f.properties.name)).toEqual(expect.arrayContaining(['Mopti', 'Gao', 'Tombouctou', 'Kayes', 'Bamako']));
    const raw = fs.statSync(path.join(maliCodDir, 'mli_adm1_ocha_cod2015_pcoded.geojson')).size;
    console.log(`regions: ${raw} bytes in the COD file, ${regions.bytes} served`);
    expect(regions.bytes).toBeLessThan(raw / 2);
    const mopti = await get('/api/v1/dashboard/boundaries?level=2&parent=ML05');
    expect(mopti.collection.features.map((f) => f.properties.name).sort()).toEqual(['Bandiagara', 'Bankass', 'Djenné', 'Douentza', 'Koro', 'Mopti', 'Ténenkou', 'Youwarou']);
  });
});
