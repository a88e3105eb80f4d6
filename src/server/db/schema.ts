import type { ColumnType, Generated, Insertable, Updateable } from 'kysely';

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
  /** The personal API token the request that wrote the row was made with. */
  api_token_id: string | null;
  /** The import that wrote the row: hidden while the import is pending (`pending_imports`). */
  import_id: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  scope: string;
  token_hash: string;
  hint: string;
  created_at: Timestamp;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
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
  verified_at: Date | null;
  assessed_at: Date | null;
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
  package_id: string | null;
  delivered_value_xof: number | null;
  delivered_duration_months: number | null;
  missing_components: Generated<string[]>;
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
  package_id: string | null;
  delivered_value_xof: number | null;
  delivered_duration_months: number | null;
  missing_components: Generated<string[]>;
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

/** The 5W records, pending imports' included; `responses` is the view readers use. */
export interface ResponseRecordsTable extends ResponsesTable {
  /** The import that wrote the record: hidden from `responses` while the import is pending. */
  import_id: string | null;
}

/** Imports whose records are written but not shown yet (migration 20261212090000). */
export interface PendingImportsTable {
  id: string;
  started_at: Generated<Date>;
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
  /** The meeting decision that led to it, if any. */
  decision_id: string | null;
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

/** Localities whose gaps a transaction may have changed (see the gap_changes migration). */
export interface GapChangesTable {
  seq: Generated<string>;
  xid: Generated<string>;
  kind: Generated<string>;
  locality_id: string | null;
  logged_at: Generated<Date>;
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
  /** When the counter was last raised: the commit of the table's last change. */
  changed_at: Timestamp;
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

export interface MeetingsTable {
  id: Generated<string>;
  level: string;
  title: string;
  region_pcodes: string[];
  date: string;
  start_time: string;
  end_time: string;
  place: string | null;
  call_link: string | null;
  chair_organisation_id: string | null;
  chair_name: string | null;
  status: Generated<string>;
  cancel_reason: string | null;
  agenda_at: string | null;
  agenda_since: string | null;
  agenda_since_meeting_id: string | null;
  agenda_built_at: Date | null;
  invitations_sent_at: Date | null;
  invitation_sequence: Generated<number>;
  held_at: Date | null;
  published_at: Date | null;
  published_by: string | null;
  search_key: Generated<string>;
  created_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingParticipantsTable {
  id: Generated<string>;
  meeting_id: string;
  position: number;
  organisation_id: string | null;
  user_id: string | null;
  name: string | null;
  email: string | null;
  invited: boolean;
  present: boolean | null;
}

export interface MeetingAgendaItemsTable {
  id: Generated<string>;
  meeting_id: string;
  position: number;
  kind: string;
  title: string | null;
  description: string | null;
  notes: Generated<string>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface MeetingAgendaEntriesTable {
  id: Generated<string>;
  item_id: string;
  meeting_id: string;
  position: number;
  kind: string;
  locality_id: string | null;
  sector: string | null;
  alert_id: string | null;
  assessment_id: string | null;
  action_point_id: string | null;
  facts: Json;
}

export interface MeetingDecisionsTable {
  id: Generated<string>;
  meeting_id: string;
  number: number;
  text: string;
  agenda_item_id: string | null;
  locality_id: string | null;
  sector: string | null;
  alert_id: string | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActionPointsTable {
  id: Generated<string>;
  meeting_id: string;
  number: number;
  title: string;
  owner_organisation_id: string;
  owner_user_id: string | null;
  owner_name: string | null;
  due_date: string;
  status: Generated<string>;
  status_note: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  agenda_item_id: string | null;
  decision_id: string | null;
  locality_id: string | null;
  sector: string | null;
  alert_id: string | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ListProtocolAcceptancesTable {
  id: Generated<string>;
  organisation_id: string;
  version: string;
  signatory_name: string;
  accepted_by: string;
  accepted_at: Generated<Date>;
}

export interface BeneficiaryListsTable {
  id: Generated<string>;
  code: string;
  title: string;
  organisation_id: string;
  status: Generated<string>;
  purpose: string;
  legal_basis: string;
  legal_basis_note: string | null;
  sensitivity: string;
  protocol_version: string;
  sectors: string[];
  assistance_from: string | null;
  assistance_to: string | null;
  alert_id: string | null;
  retention_until: string;
  row_count: number;
  household_count: number;
  file_name: string | null;
  file_digest: string | null;
  wrapped_key: Buffer | null;
  key_id: string | null;
  uploaded_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  purged_at: Date | null;
  purged_by: string | null;
  version: Generated<number>;
  /** The encoding scheme of an encoded list (privacy-preserving mode), null for a list of names. */
  encoding: string | null;
  key_fingerprint: string | null;
}

export interface ListHouseholdsTable {
  id: string;
  list_id: string;
  row_number: number;
  locality_id: string;
  sector: string;
  assistance_date: string;
  household_size: number | null;
  payload: Buffer | null;
  household_key: string | null;
  nina_index: string | null;
  name_phone_indexes: Generated<string[]>;
  block_keys: Generated<string[]>;
  cluster_id: string | null;
  erased_at: Date | null;
  /** An encoded list's household: its encoding, encrypted under the list's data key. */
  clk: Buffer | null;
}

export interface DedupRunsTable {
  id: Generated<string>;
  status: Generated<'running' | 'completed' | 'failed'>;
  stage: Generated<'reading' | 'blocking' | 'comparing' | 'estimating' | 'clustering' | 'explaining' | 'writing' | 'done'>;
  processed: Generated<number>;
  total: Generated<number>;
  started_by: string | null;
  started_at: Generated<Date>;
  finished_at: Date | null;
  lists: Generated<number>;
  records: Generated<number>;
  households: number | null;
  candidate_pairs: number | null;
  match_pairs: number | null;
  review_pairs: number | null;
  decisions_applied: number | null;
  clusters_kept: number | null;
  error: string | null;
}

export interface DedupPairsTable {
  id: Generated<string>;
  run_id: string;
  record_a: string;
  record_b: string;
  kind: 'match' | 'review';
  probability: number;
  contributions: Json;
  status: Generated<'pending' | 'same' | 'different'>;
  decided_by: string | null;
  decided_at: Date | null;
}

export interface DedupDecisionsTable {
  record_a: string;
  record_b: string;
  same: boolean;
  decided_by: string | null;
  decided_at: Generated<Date>;
}

export interface ListCoverageTable {
  list_id: string;
  locality_id: string;
  sector: string;
  month: string;
  households: number;
}

export interface ListColumnMappingsTable {
  organisation_id: string;
  header_key: string;
  header: string;
  column_key: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface SharingRequestsTable {
  id: Generated<string>;
  code: string;
  requester_organisation_id: string;
  requested_by: string;
  list_id: string | null;
  locality_id: string | null;
  sector: string | null;
  purpose: string;
  justification: string;
  fields: string[];
  period_from: string;
  period_to: string;
  status: Generated<string>;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface DevelopmentProgrammesTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  name_key: string;
  funding: string | null;
  start_date: string;
  end_date: string | null;
  sectors: string[];
  area_pcodes: string[];
  description: string | null;
  created_by: string | null;
  updated_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HandoversTable {
  id: Generated<string>;
  alert_id: string;
  status: Generated<string>;
  dialogue_opened_on: string | null;
  plan_agreed_on: string | null;
  handed_over_on: string | null;
  not_taken_up_on: string | null;
  not_taken_up_reason: string | null;
  actor_organisation_ids: Generated<string[]>;
  meeting_id: string | null;
  notes: string | null;
  recommended_actions: string | null;
  created_by: string | null;
  updated_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MethodAttachmentsTable {
  id: Generated<string>;
  package_id: string;
  file_name: string;
  content: Buffer;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

export interface PackagesTable {
  id: Generated<string>;
  series_id: string;
  kind: string;
  sector: string;
  name: string;
  revision: number;
  phase: string;
  status: Generated<string>;
  modality: string | null;
  components: Json;
  transfer_value_xof: number | null;
  recurring: Generated<boolean>;
  duration_months: number | null;
  frequency: Generated<string>;
  targeting: string | null;
  method_type: string | null;
  description: string | null;
  document_url: string | null;
  reference_text: string | null;
  endorsed_by: string | null;
  endorsed_on: string | null;
  endorsement_decision_id: string | null;
  endorsement_recorded_by: string | null;
  proposed_at: Date | null;
  superseded_at: Date | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Prepared rows of an import in progress, a batch per row (see the import_staging migration). */
export interface ImportStagingTable {
  import_id: string;
  kind: string;
  batch: number;
  items: Json;
  item_count: number;
  created_at: Generated<Date>;
}

export interface DB {
  import_staging: ImportStagingTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  api_tokens: ApiTokensTable;
  admin_areas: AdminAreasTable;
  localities: LocalitiesTable;
  settings: SettingsTable;
  alert_code_counters: AlertCodeCountersTable;
  alerts: AlertsTable;
  alert_msa_findings: AlertMsaFindingsTable;
  rrm_responses: RrmResponsesTable;
  reporting_periods: ReportingPeriodsTable;
  responses: ResponsesTable;
  response_records: ResponseRecordsTable;
  pending_imports: PendingImportsTable;
  response_alerts: ResponseAlertsTable;
  capacities: CapacitiesTable;
  assessments: AssessmentsTable;
  assessment_results: AssessmentResultsTable;
  assessment_reports: AssessmentReportsTable;
  gap_follow_ups: GapFollowUpsTable;
  coverage_intervals: CoverageIntervalsTable;
  coverage_changes: CoverageChangesTable;
  gap_changes: GapChangesTable;
  data_versions: DataVersionsTable;
  response_totals: ResponseTotalsTable;
  response_locality_totals: ResponseLocalityTotalsTable;
  response_totals_changes: ResponseTotalsChangesTable;
  sector_focal_points: SectorFocalPointsTable;
  notifications: NotificationsTable;
  meetings: MeetingsTable;
  meeting_participants: MeetingParticipantsTable;
  meeting_agenda_items: MeetingAgendaItemsTable;
  meeting_agenda_entries: MeetingAgendaEntriesTable;
  meeting_decisions: MeetingDecisionsTable;
  action_points: ActionPointsTable;
  list_protocol_acceptances: ListProtocolAcceptancesTable;
  beneficiary_lists: BeneficiaryListsTable;
  list_households: ListHouseholdsTable;
  list_coverage: ListCoverageTable;
  dedup_runs: DedupRunsTable;
  dedup_pairs: DedupPairsTable;
  dedup_decisions: DedupDecisionsTable;
  list_column_mappings: ListColumnMappingsTable;
  sharing_requests: SharingRequestsTable;
  development_programmes: DevelopmentProgrammesTable;
  handovers: HandoversTable;
  packages: PackagesTable;
  method_attachments: MethodAttachmentsTable;
}

export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
