import { type RawBuilder, sql, type SqlBool } from 'kysely';
import type { ResponseFilters } from '../../../shared/contracts/responses.ts';
import { containsPattern } from '../../db/filters.ts';

/**
 * The matrix filters as one SQL condition on the `responses` table aliased `r`: the list, the
 * export and the pivot select the same records for the same URL.
 */
export function responseFilterCondition(filters: ResponseFilters): RawBuilder<SqlBool> {
  const conditions: RawBuilder<unknown>[] = [sql`true`];
  if (filters.organisationId?.length) conditions.push(sql`r.organisation_id IN (${sql.join(filters.organisationId)})`);
  if (filters.sector?.length) conditions.push(sql`r.sector IN (${sql.join(filters.sector)})`);
  if (filters.region) conditions.push(sql`r.adm1_pcode = ${filters.region}`);
  if (filters.cercle) conditions.push(sql`r.adm2_pcode = ${filters.cercle}`);
  if (filters.commune) conditions.push(sql`r.adm3_pcode = ${filters.commune}`);
  if (filters.localityId) conditions.push(sql`r.locality_id = ${filters.localityId}`);
  if (filters.status?.length) conditions.push(sql`r.status IN (${sql.join(filters.status)})`);
  if (filters.populationGroup?.length) conditions.push(sql`r.population_group IN (${sql.join(filters.populationGroup)})`);
  if (filters.period) conditions.push(sql`r.period = ${`${filters.period}-01`}::date`);
  if (filters.periodFrom) conditions.push(sql`r.period >= ${`${filters.periodFrom}-01`}::date`);
  if (filters.periodTo) conditions.push(sql`r.period <= ${`${filters.periodTo}-01`}::date`);
  if (filters.alertId) conditions.push(sql`EXISTS (SELECT 1 FROM response_alerts ra WHERE ra.response_id = r.id AND ra.alert_id = ${filters.alertId})`);
  if (filters.q) {
    const pattern = containsPattern(filters.q);
    conditions.push(sql`(r.activity ILIKE ${pattern} OR r.package ILIKE ${pattern} OR r.implementing_partner ILIKE ${pattern} OR r.donor ILIKE ${pattern})`);
  }
  return sql<SqlBool>`(${sql.join(conditions, sql` AND `)})`;
}
