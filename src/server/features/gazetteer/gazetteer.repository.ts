import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function gazetteerRepository(db: Kysely<DB>) {
  return {
    async regionsExist(trx: Kysely<DB>, pcodes: string[]): Promise<boolean> {
      const unique = [...new Set(pcodes)];
      if (unique.length === 0) return true;
      const rows = await trx.selectFrom('admin_areas').select('pcode').where('level', '=', 1).where('pcode', 'in', unique).execute();
      return rows.length === unique.length;
    },
  };
}
export type GazetteerRepository = ReturnType<typeof gazetteerRepository>;
