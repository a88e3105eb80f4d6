import type { SelectQueryBuilder } from 'kysely';
import type { Page, PageQuery } from '../../shared/contracts/common.ts';

/**
 * Runs a filtered query twice: once counted, once for the requested page.
 * `query` must carry the filters but no ordering; `order` adds it to the page query only.
 */
export async function paginate<DB, TB extends keyof DB, O, R>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: PageQuery,
  order: (q: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, O>,
  map: (row: O) => R,
): Promise<Page<R>> {
  const [{ total } = { total: 0 }] = (await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .execute()) as unknown as { total: number }[];
  const rows = await order(query)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { items: rows.map(map), total: Number(total), page: page.page, pageSize: page.pageSize };
}
