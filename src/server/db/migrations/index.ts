import type { Migration } from 'kysely/migration';
import * as m20261129173000 from './20261129173000_foundation.ts';
import * as m20261129174132 from './20261129174132_alerts.ts';
import * as m20261129174539 from './20261129174539_responses_capacities_periods.ts';
import * as m20261129175052 from './20261129175052_assessments.ts';
import * as m20261129175207 from './20261129175207_gazetteer_search_indexes.ts';
import * as m20261129175639 from './20261129175639_gap_follow_ups.ts';
import * as m20261129184437 from './20261129184437_coverage_intervals.ts';
import * as m20261129193128 from './20261129193128_gap_alerts.ts';
import * as m20261129213000 from './20261129213000_data_versions.ts';
import * as m20261129221000 from './20261129221000_response_totals.ts';
import * as m20261204145731 from './20261204145731_meetings.ts';
import * as m20261204180428 from './20261204180428_beneficiary_lists.ts';
import * as m20261204190500 from './20261204190500_handovers.ts';
import * as m20261204195000 from './20261204195000_packages.ts';
import * as m20261206090000 from './20261206090000_deduplication.ts';
import * as m20261207100000 from './20261207100000_api_tokens.ts';
import * as m20261207120000 from './20261207120000_alert_step_dates.ts';
import * as m20261208120000 from './20261208120000_encoded_lists.ts';
import * as m20261209140000 from './20261209140000_method_attachments.ts';
import * as m20261210100000 from './20261210100000_gap_changes.ts';
import * as m20261210110000 from './20261210110000_import_staging.ts';
import * as m20261210120000 from './20261210120000_import_staging_uncompressed.ts';
import * as m20261211090000 from './20261211090000_import_apply_triggers.ts';
import * as m20261212090000 from './20261212090000_pending_imports.ts';

/**
 * Every migration, by name, in order. Listed statically so the same list works under tsx,
 * Vitest and the compiled server; `npm run db:migration:new -- name` adds an entry.
 */
export const migrations: Record<string, Migration> = {
  '20261129173000_foundation': m20261129173000,
  '20261129174132_alerts': m20261129174132,
  '20261129174539_responses_capacities_periods': m20261129174539,
  '20261129175052_assessments': m20261129175052,
  '20261129175207_gazetteer_search_indexes': m20261129175207,
  '20261129175639_gap_follow_ups': m20261129175639,
  '20261129184437_coverage_intervals': m20261129184437,
  '20261129193128_gap_alerts': m20261129193128,
  '20261129213000_data_versions': m20261129213000,
  '20261129221000_response_totals': m20261129221000,
  '20261204145731_meetings': m20261204145731,
  '20261204180428_beneficiary_lists': m20261204180428,
  '20261204190500_handovers': m20261204190500,
  '20261204195000_packages': m20261204195000,
  '20261206090000_deduplication': m20261206090000,
  '20261207100000_api_tokens': m20261207100000,
  '20261207120000_alert_step_dates': m20261207120000,
  '20261208120000_encoded_lists': m20261208120000,
  '20261209140000_method_attachments': m20261209140000,
  '20261210100000_gap_changes': m20261210100000,
  '20261210110000_import_staging': m20261210110000,
  '20261210120000_import_staging_uncompressed': m20261210120000,
  '20261211090000_import_apply_triggers': m20261211090000,
  '20261212090000_pending_imports': m20261212090000,
};
