import fs from 'node:fs';
import path from 'node:path';
import type { DemoStep } from '../../demo/demo.ts';
import { asAreaGeometry, bboxOf } from './geometry.ts';

/** The OCHA COD 2015 boundaries kept in the repository (the same depth from src/ and from dist/). */
const codDir = path.resolve(import.meta.dirname, '../../../../reference-data/mali-cod-2015');
const files = [
  { level: 1, file: 'mli_adm1_ocha_cod2015_pcoded.geojson', pcode: 'admin1Pcod' },
  { level: 2, file: 'mli_adm2_ocha_cod2015_pcoded.geojson', pcode: 'admin2Pcod' },
] as const;

/**
 * The demo draws region and cercle boundaries from its first start: their geometry is written
 * onto the demo's admin areas (same COD edition, same P-codes). A deployment without the
 * reference-data folder keeps the outline of Mali and can import boundaries from the gazetteer page.
 */
export const gazetteerBoundariesDemoStep: DemoStep = {
  name: 'cod-boundaries',
  async run(trx) {
    for (const { level, file, pcode } of files) {
      const full = path.join(codDir, file);
      if (!fs.existsSync(full)) return;
      const collection = JSON.parse(fs.readFileSync(full, 'utf8')) as { features: { properties: Record<string, unknown>; geometry: unknown }[] };
      for (const feature of collection.features) {
        const geometry = asAreaGeometry(feature.geometry);
        if (!geometry) continue;
        const [minLon, minLat, maxLon, maxLat] = bboxOf(geometry);
        await trx
          .updateTable('admin_areas')
          .set({ geometry: JSON.stringify(geometry), min_lon: minLon, min_lat: minLat, max_lon: maxLon, max_lat: maxLat })
          .where('pcode', '=', String(feature.properties[pcode]))
          .where('level', '=', level)
          .execute();
      }
    }
  },
};
