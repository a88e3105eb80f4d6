import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  acronym: string;
  type: string;
  roles: string[];
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  role: string;
  organisation_id: string | null;
  regions: string[];
  language: string;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  last_login_at: Date | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Date | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
}

export interface AdminAreasTable {
  pcode: string;
  name: string;
  name_key: string;
  level: number;
  parent_pcode: string | null;
  edition: string;
  geometry: Json | null;
  min_lon: number | null;
  min_lat: number | null;
  max_lon: number | null;
  max_lat: number | null;
  updated_at: Timestamp;
}

export interface LocalitiesTable {
  id: Generated<string>;
  name: string;
  name_key: string;
  pcode: string | null;
  kind: string;
  adm1_pcode: string | null;
  adm2_pcode: string | null;
  adm3_pcode: string | null;
  lat: number | null;
  lon: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface AlertCodeCountersTable {
  year: number;
  last_number: number;
}

export interface AlertsTable {
  id: Generated<string>;
  code: string;
  shock_type: string;
  /** Calendar dates travel as 'YYYY-MM-DD' strings (see database.ts). */
  shock_date: string;
  alert_date: string;
  host_locality_id: string;
  origin_pcodes: Generated<string[]>;
  origin_text: string | null;
  households: number;
  persons: number;
  population_group: string;
  source_organisation_id: string | null;
  description: string | null;
  status: Generated<string>;
  rejection_reason: string | null;
  validated_at: Date | null;
  responded_at: Date | null;
  closed_at: Date | null;
  rejected_at: Date | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AlertMsaFindingsTable {
  alert_id: string;
  sector: string;
  need: boolean;
  households_in_need: number | null;
  severity: number | null;
  remarks: string | null;
}

export interface RrmResponsesTable {
  id: Generated<string>;
  alert_id: string;
  organisation_id: string;
  sector: string;
  package: string | null;
  start_date: string;
  end_date: string;
  households_reached: number;
  persons_reached: number;
  modality: string;
  created_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReportingPeriodsTable {
  /** First day of the month. */
  month: string;
  locked: Generated<boolean>;
  locked_at: Date | null;
  locked_by: string | null;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface ResponsesTable {
  id: Generated<string>;
  /** First day of the reporting month. */
  period: string;
  organisation_id: string;
  implementing_partner: string | null;
  donor: string | null;
  sector: string;
  activity: string;
  package: string | null;
  locality_id: string;
  adm1_pcode: string | null;
  adm2_pcode: string | null;
  adm3_pcode: string | null;
  status: string;
  start_date: string;
  end_date: string | null;
  population_group: string;
  households_targeted: number | null;
  households_reached: number | null;
  persons_targeted: number | null;
  persons_reached: number | null;
  girls_reached: number | null;
  boys_reached: number | null;
  women_reached: number | null;
  men_reached: number | null;
  older_women_reached: number | null;
  older_men_reached: number | null;
  modality: string | null;
  budget: ColumnType<number | null, number | string | null, number | string | null>;
  currency: Generated<string>;
  comments: string | null;
  created_by: string | null;
  updated_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResponseAlertsTable {
  response_id: string;
  alert_id: string;
}

export interface CapacitiesTable {
  id: Generated<string>;
  period: string;
  organisation_id: string;
  sector: string;
  region_pcode: string;
  households: number;
  funding_status: string;
  stock: string | null;
  staff: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  remarks: string | null;
  created_by: string | null;
  updated_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssessmentsTable {
  id: Generated<string>;
  locality_id: string;
  kind: string;
  status: string;
  organisation_id: string;
  start_date: string;
  end_date: string | null;
  title: string | null;
  notes: string | null;
  created_by: string | null;
  updated_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssessmentResultsTable {
  assessment_id: string;
  sector: string;
  severity: number | null;
  households_in_need: number | null;
  persons_in_need: number | null;
  findings: string | null;
}

export interface AssessmentReportsTable {
  assessment_id: string;
  file_name: string;
  content: Buffer;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

export interface GapFollowUpsTable {
  id: Generated<string>;
  locality_id: string;
  sector: string;
  status: string;
  comment: string;
  organisation_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CoverageIntervalsTable {
  response_id: string;
  locality_id: string;
  sector: string;
  organisation_id: string;
  households: number;
  reported_start: string;
  start_date: string;
  end_date: string | null;
}

export interface CoverageChangesTable {
  id: Generated<number>;
  locality_id: string | null;
  sector: string | null;
  organisation_id: string | null;
}

/** 5W records summed per organisation × locality × sector × month, for the pivot (see the response_totals migration). */
export interface ResponseTotalsTable {
  organisation_id: string;
  locality_id: string;
  sector: string;
  period: string;
  adm1_pcode: string | null;
  adm2_pcode: string | null;
  adm3_pcode: string | null;
  records: number;
  targeted: number | null;
  reached: number | null;
}

/** 5W records summed per locality × sector × month over organisations. */
export interface ResponseLocalityTotalsTable {
  locality_id: string;
  sector: string;
  period: string;
  adm1_pcode: string | null;
  adm2_pcode: string | null;
  adm3_pcode: string | null;
  targeted: number | null;
  reached: number | null;
}

export interface ResponseTotalsChangesTable {
  id: Generated<number>;
  locality_id: string | null;
  sector: string | null;
  period: string | null;
}

/** One counter per table, raised by each transaction that changed it (see the data_versions migration). */
export interface DataVersionsTable {
  name: string;
  version: number;
}

export interface SectorFocalPointsTable {
  user_id: string;
  sector: string;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  key: string;
  locality_id: string | null;
  sector: string | null;
  title: string;
  body: string;
  link: string | null;
  created_at: Timestamp;
  read_at: Date | null;
  emailed_at: Date | null;
  email_error: string | null;
}

export interface DB {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  admin_areas: AdminAreasTable;
  localities: LocalitiesTable;
  settings: SettingsTable;
  alert_code_counters: AlertCodeCountersTable;
  alerts: AlertsTable;
  alert_msa_findings: AlertMsaFindingsTable;
  rrm_responses: RrmResponsesTable;
  reporting_periods: ReportingPeriodsTable;
  responses: ResponsesTable;
  response_alerts: ResponseAlertsTable;
  capacities: CapacitiesTable;
  assessments: AssessmentsTable;
  assessment_results: AssessmentResultsTable;
  assessment_reports: AssessmentReportsTable;
  gap_follow_ups: GapFollowUpsTable;
  coverage_intervals: CoverageIntervalsTable;
  coverage_changes: CoverageChangesTable;
  data_versions: DataVersionsTable;
  response_totals: ResponseTotalsTable;
  response_locality_totals: ResponseLocalityTotalsTable;
  response_totals_changes: ResponseTotalsChangesTable;
  sector_focal_points: SectorFocalPointsTable;
  notifications: NotificationsTable;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type LocalityRow = Selectable<LocalitiesTable>;
export type AdminAreaRow = Selectable<AdminAreasTable>;
