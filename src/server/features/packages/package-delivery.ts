import type { Kysely } from 'kysely';
import { searchKey } from '../../../shared/text.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { type DeliverablePackage, deliverablePackages } from './packages.repository.ts';

/** How a package is written in a spreadsheet cell and its drop-down: "Kit AME standard (v2)". */
export const packageLabel = (p: { name: string; revision: number }) => `${p.name} (v${p.revision})`;

/**
 * A response may name an endorsed package of its own sector (or a version superseded since: the
 * response was planned against it). Anything else is refused with a clear message.
 */
export async function assertDeliverable(trx: Kysely<DB>, sector: string, packageId: string | null): Promise<void> {
  if (!packageId) return;
  const [found] = await deliverablePackages(trx, [packageId]);
  if (!found) throw new AppError('package_unknown', 400);
  if (found.sector !== sector) throw new AppError('package_sector_mismatch', 400);
}

/**
 * What a spreadsheet's "Paquet" cell names: a package label from the template's drop-down
 * ("Name (v2)"), or a package's bare name (its endorsed version). Other text is kept as the
 * free-text package description it always was. Two sectors may hold packages of the same name:
 * the row's own sector's is taken first.
 */
export async function packageCellIndex(trx: Kysely<DB>) {
  const all = await deliverablePackages(trx);
  const byKey = new Map<string, DeliverablePackage[]>();
  const add = (key: string, p: DeliverablePackage) => byKey.set(key, [...(byKey.get(key) ?? []), p]);
  for (const p of all) add(searchKey(packageLabel(p)), p);
  for (const p of all) if (p.status === 'endorsed' && !all.some((o) => searchKey(packageLabel(o)) === searchKey(p.name))) add(searchKey(p.name), p);
  const endorsed = all.filter((p) => p.status === 'endorsed');
  return {
    find: (text: string | null, sector?: string): DeliverablePackage | undefined => {
      const found = text ? byKey.get(searchKey(text)) : undefined;
      return found?.find((p) => p.sector === sector) ?? found?.[0];
    },
    /** The drop-down: each sector's endorsed packages, offered in the rows of that sector. */
    bySector: [...new Set(endorsed.map((p) => p.sector))].map((sector) => ({
      parent: sector,
      values: endorsed.filter((p) => p.sector === sector).map(packageLabel),
    })),
  };
}
