-- Activities (calls, meetings, tasks…) with their types, and what the dashboard needs: when leads closed, and
-- indexes for the dashboard's figures.

CREATE TABLE activity_types (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    color       text NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
    icon        text NOT NULL CHECK (length(icon) BETWEEN 1 AND 40),
    position    integer NOT NULL DEFAULT 0,
    archived_at timestamptz,
    version     bigint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT activity_types_tenant_id_key UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX activity_types_name_idx ON activity_types (tenant_id, lower(name)) WHERE archived_at IS NULL;

CREATE TABLE activities (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id        uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    type_id          uuid NOT NULL,
    title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    comment          text NOT NULL DEFAULT '' CHECK (length(comment) <= 5000),
    due_at           timestamptz NOT NULL,
    duration_minutes integer NOT NULL DEFAULT 0 CHECK (duration_minutes BETWEEN 0 AND 10080),
    done             boolean NOT NULL DEFAULT false,
    done_at          timestamptz,
    assignee_id      uuid NOT NULL,
    person_id        uuid,
    organization_id  uuid,
    deal_id          uuid,
    lead_id          uuid,
    created_by       uuid,
    version          bigint NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT activities_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT activities_done_check CHECK (done = (done_at IS NOT NULL)),
    CONSTRAINT activities_type_fkey FOREIGN KEY (tenant_id, type_id) REFERENCES activity_types (tenant_id, id),
    CONSTRAINT activities_assignee_fkey FOREIGN KEY (tenant_id, assignee_id) REFERENCES users (tenant_id, id),
    -- A purged record leaves its activities, unlinked: they are still someone's work.
    CONSTRAINT activities_person_fkey FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id) ON DELETE SET NULL (person_id),
    CONSTRAINT activities_organization_fkey FOREIGN KEY (tenant_id, organization_id) REFERENCES organizations (tenant_id, id) ON DELETE SET NULL (organization_id),
    CONSTRAINT activities_deal_fkey FOREIGN KEY (tenant_id, deal_id) REFERENCES deals (tenant_id, id) ON DELETE SET NULL (deal_id),
    CONSTRAINT activities_lead_fkey FOREIGN KEY (tenant_id, lead_id) REFERENCES leads (tenant_id, id) ON DELETE SET NULL (lead_id)
);
-- The agenda and the list: by assignee and due time; open ones (overdue, due today) separately.
CREATE INDEX activities_assignee_due_idx ON activities (tenant_id, assignee_id, due_at, id);
CREATE INDEX activities_due_idx ON activities (tenant_id, due_at, id);
CREATE INDEX activities_open_idx ON activities (tenant_id, due_at) INCLUDE (assignee_id) WHERE NOT done;
CREATE INDEX activities_done_idx ON activities (tenant_id, done_at) INCLUDE (assignee_id) WHERE done;
CREATE INDEX activities_person_idx ON activities (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX activities_organization_idx ON activities (organization_id) WHERE organization_id IS NOT NULL;
CREATE INDEX activities_deal_idx ON activities (deal_id) WHERE deal_id IS NOT NULL;
CREATE INDEX activities_lead_idx ON activities (lead_id) WHERE lead_id IS NOT NULL;
CREATE INDEX activities_type_idx ON activities (type_id);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['activity_types', 'activities'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid))
            WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid))$p$, t);
    END LOOP;
END $$;

-- Every tenant starts with the German default types (new tenants get them when provisioned).
INSERT INTO activity_types (tenant_id, name, color, icon, position)
SELECT t.id, d.name, d.color, d.icon, d.position
FROM tenants AS t
CROSS JOIN (VALUES ('Anruf', '#228be6', 'phone', 1), ('E-Mail', '#7950f2', 'mail', 2), ('Meeting', '#12b886', 'users', 3),
                   ('Aufgabe', '#fab005', 'checkbox', 4), ('Termin vor Ort', '#fd7e14', 'map-pin', 5)) AS d (name, color, icon, position);

-- Leads record when they closed (converted or lost), as deals do, so the dashboard counts them per month.
ALTER TABLE leads ADD COLUMN closed_at timestamptz;
UPDATE leads SET closed_at = coalesce(converted_at, updated_at) WHERE status <> 'open';

-- Dashboard figures: won/lost/converted per period, deals closing soon.
CREATE INDEX deals_closed_idx ON deals (tenant_id, status, closed_at) INCLUDE (owner_id, value) WHERE deleted_at IS NULL AND status <> 'open';
CREATE INDEX deals_close_date_idx ON deals (tenant_id, expected_close) INCLUDE (owner_id, value) WHERE deleted_at IS NULL AND status = 'open';
CREATE INDEX leads_closed_idx ON leads (tenant_id, status, closed_at) INCLUDE (owner_id) WHERE deleted_at IS NULL AND status <> 'open';
