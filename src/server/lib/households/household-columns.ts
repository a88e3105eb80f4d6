import { type HouseholdFields, type HouseholdReading, readHousehold } from '../../../shared/linkage/household.ts';
import type { RowCheck } from '../tabular/index.ts';

/**
 * The row rule of a household list: a head of household must be named, and the age, date of
 * birth, phones and NINA must be readable. `referenceDate` (ISO) is the date the ages were given.
 */
export function checkHouseholdRow(row: HouseholdFields, check: RowCheck<string>, referenceDate: string): HouseholdReading {
  const reading = readHousehold(row, referenceDate);
  if (reading.record.head === null) check.error('household_name_missing', { column: 'fullName' });
  for (const problem of reading.problems) check.error(problem.code, { column: problem.field, value: row[problem.field] });
  // Returned so that the caller keeps what it read instead of reading the row again.
  return reading;
}
