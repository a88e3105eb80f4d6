import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A coordination meeting: national (post-RRM) or regional (GIAC of one or more regions). Times
  // are Mali time, which is UTC all year. `search_key` holds the meeting's words (title, place,
  // notes, decisions, action points) accent- and case-folded by the service, for the archive search.
  await sql`
    CREATE TABLE meetings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      level text NOT NULL CHECK (level IN ('national', 'regional')),
      title text NOT NULL,
      region_pcodes text[] NOT NULL DEFAULT '{}',
      date date NOT NULL,
      start_time text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      end_time text NOT NULL CHECK (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      place text,
      call_link text,
      chair_organisation_id uuid REFERENCES organisations(id),
      chair_name text,
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'minutes_published', 'cancelled')),
      cancel_reason text,
      agenda_at date,
      agenda_since date,
      agenda_since_meeting_id uuid REFERENCES meetings(id),
      agenda_built_at timestamptz,
      invitations_sent_at timestamptz,
      -- RFC 5545 SEQUENCE of the invitation: raised each time invitations go out again.
      invitation_sequence integer NOT NULL DEFAULT 0,
      held_at timestamptz,
      published_at timestamptz,
      published_by uuid REFERENCES users(id),
      search_key text NOT NULL DEFAULT '',
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((level = 'national') = (cardinality(region_pcodes) = 0)),
      CHECK (end_time > start_time)
    )`.execute(db);
  await sql`CREATE INDEX meetings_date_idx ON meetings (date DESC, id)`.execute(db);
  await sql`CREATE INDEX meetings_regions_idx ON meetings USING gin (region_pcodes)`.execute(db);
  await sql`CREATE INDEX meetings_search_idx ON meetings USING gin (search_key gin_trgm_ops)`.execute(db);

  // Invited and present organisations and people. A row with only an organisation invites the
  // organisation (its users see the meeting); a person row is an account or a name and e-mail.
  await sql`
    CREATE TABLE meeting_participants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      position integer NOT NULL,
      organisation_id uuid REFERENCES organisations(id),
      user_id uuid REFERENCES users(id),
      name text,
      email text,
      invited boolean NOT NULL DEFAULT true,
      present boolean,
      CHECK (organisation_id IS NOT NULL OR user_id IS NOT NULL OR name IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX meeting_participants_meeting_idx ON meeting_participants (meeting_id, position)`.execute(db);
  await sql`CREATE INDEX meeting_participants_organisation_idx ON meeting_participants (organisation_id)`.execute(db);
  await sql`CREATE INDEX meeting_participants_user_idx ON meeting_participants (user_id)`.execute(db);

  // The agenda: items filled from the data at the meeting's date (kind) or added by hand
  // (custom), each with the minutes' notes of that item.
  await sql`
    CREATE TABLE meeting_agenda_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      position integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('upcoming_gaps', 'top_gaps', 'alerts', 'assessments', 'action_points', 'lists', 'custom')),
      -- Null: the kind's own title in the reader's language ("Divers" for the closing custom
      -- item); set when someone renames an item or adds one.
      title text,
      description text,
      notes text NOT NULL DEFAULT '',
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX meeting_agenda_items_meeting_idx ON meeting_agenda_items (meeting_id, position)`.execute(db);

  await sql`
    CREATE TABLE meeting_decisions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      number integer NOT NULL,
      text text NOT NULL,
      agenda_item_id uuid REFERENCES meeting_agenda_items(id) ON DELETE SET NULL,
      locality_id uuid REFERENCES localities(id),
      sector text,
      alert_id uuid REFERENCES alerts(id),
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (meeting_id, number),
      CHECK (sector IS NULL OR locality_id IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX meeting_decisions_pair_idx ON meeting_decisions (locality_id, sector)`.execute(db);
  await sql`CREATE INDEX meeting_decisions_alert_idx ON meeting_decisions (alert_id)`.execute(db);

  await sql`
    CREATE TABLE action_points (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      number integer NOT NULL,
      title text NOT NULL,
      owner_organisation_id uuid NOT NULL REFERENCES organisations(id),
      owner_user_id uuid REFERENCES users(id),
      owner_name text,
      due_date date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
      status_note text,
      closed_at timestamptz,
      closed_by uuid REFERENCES users(id),
      agenda_item_id uuid REFERENCES meeting_agenda_items(id) ON DELETE SET NULL,
      decision_id uuid REFERENCES meeting_decisions(id) ON DELETE SET NULL,
      locality_id uuid REFERENCES localities(id),
      sector text,
      alert_id uuid REFERENCES alerts(id),
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (meeting_id, number),
      CHECK (sector IS NULL OR locality_id IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX action_points_owner_idx ON action_points (owner_organisation_id, status, due_date)`.execute(db);
  await sql`CREATE INDEX action_points_owner_user_idx ON action_points (owner_user_id) WHERE owner_user_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX action_points_open_idx ON action_points (due_date) WHERE status = 'open'`.execute(db);
  await sql`CREATE INDEX action_points_pair_idx ON action_points (locality_id, sector)`.execute(db);
  await sql`CREATE INDEX action_points_alert_idx ON action_points (alert_id)`.execute(db);

  // The records an agenda item lists, with the figures shown then (facts). Record columns link
  // each entry back, so a gap, alert or locality page can list the meetings that discussed it.
  await sql`
    CREATE TABLE meeting_agenda_entries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      item_id uuid NOT NULL REFERENCES meeting_agenda_items(id) ON DELETE CASCADE,
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      position integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('gap', 'rrm_exit', 'alert', 'assessment', 'action_point', 'count')),
      locality_id uuid REFERENCES localities(id),
      sector text,
      alert_id uuid REFERENCES alerts(id),
      assessment_id uuid REFERENCES assessments(id),
      action_point_id uuid REFERENCES action_points(id) ON DELETE CASCADE,
      facts jsonb NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX meeting_agenda_entries_item_idx ON meeting_agenda_entries (item_id, position)`.execute(db);
  await sql`CREATE INDEX meeting_agenda_entries_pair_idx ON meeting_agenda_entries (locality_id, sector)`.execute(db);
  await sql`CREATE INDEX meeting_agenda_entries_alert_idx ON meeting_agenda_entries (alert_id)`.execute(db);
  await sql`CREATE INDEX meeting_agenda_entries_action_point_idx ON meeting_agenda_entries (action_point_id)`.execute(db);

  // Closing a gap follow-up can point to the decision that led to it.
  await sql`ALTER TABLE gap_follow_ups ADD COLUMN decision_id uuid REFERENCES meeting_decisions(id)`.execute(db);

  // Action point reminders and meeting messages join the gap alerts in the notifications.
  await sql`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`.execute(db);
  await sql`
    ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
      'gap_upcoming', 'gap_open', 'gap_digest',
      'action_point_due', 'action_point_overdue', 'meeting_invitation', 'meeting_minutes'
    ))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM notifications WHERE kind IN ('action_point_due', 'action_point_overdue', 'meeting_invitation', 'meeting_minutes')`.execute(db);
  await sql`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`.execute(db);
  await sql`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('gap_upcoming', 'gap_open', 'gap_digest'))`.execute(db);
  await sql`ALTER TABLE gap_follow_ups DROP COLUMN IF EXISTS decision_id`.execute(db);
  await sql`DROP TABLE IF EXISTS meeting_agenda_entries`.execute(db);
  await sql`DROP TABLE IF EXISTS action_points`.execute(db);
  await sql`DROP TABLE IF EXISTS meeting_decisions`.execute(db);
  await sql`DROP TABLE IF EXISTS meeting_agenda_items`.execute(db);
  await sql`DROP TABLE IF EXISTS meeting_participants`.execute(db);
  await sql`DROP TABLE IF EXISTS meetings`.execute(db);
}
