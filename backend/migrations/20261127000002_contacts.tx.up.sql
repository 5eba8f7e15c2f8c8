-- Persons, organisations and the record mechanisms every entity uses: custom fields, notes, history, saved
-- filters, trash. Row-level security as for every tenant table.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE custom_fields (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    record_type text NOT NULL CHECK (record_type IN ('person', 'organization', 'deal', 'lead')),
    label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    kind        text NOT NULL CHECK (kind IN ('number', 'text', 'bool')),
    required    boolean NOT NULL DEFAULT false,
    position    integer NOT NULL DEFAULT 0,
    archived_at timestamptz,
    version     bigint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX custom_fields_label_idx ON custom_fields (tenant_id, record_type, lower(label)) WHERE archived_at IS NULL;
CREATE INDEX custom_fields_type_idx ON custom_fields (tenant_id, record_type, position);

-- Search text: lower case, umlauts spelled out (ü -> ue, ß -> ss), other accents dropped, computed by the
-- service (search.Normalize) on every write, matched with trigrams.
CREATE TABLE organizations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    owner_id    uuid NOT NULL,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    street      text NOT NULL DEFAULT '',
    postal_code text NOT NULL DEFAULT '',
    city        text NOT NULL DEFAULT '',
    country     text NOT NULL DEFAULT '',
    phone       text NOT NULL DEFAULT '',
    email       text NOT NULL DEFAULT '',
    website     text NOT NULL DEFAULT '',
    industry    text NOT NULL DEFAULT '',
    custom      jsonb NOT NULL DEFAULT '{}',
    search_text text NOT NULL DEFAULT '',
    version     bigint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT organizations_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT organizations_owner_fkey FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX organizations_name_idx ON organizations (tenant_id, name COLLATE "de-x-icu", id) WHERE deleted_at IS NULL;
CREATE INDEX organizations_owner_name_idx ON organizations (tenant_id, owner_id, name COLLATE "de-x-icu", id) WHERE deleted_at IS NULL;
CREATE INDEX organizations_created_idx ON organizations (tenant_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX organizations_updated_idx ON organizations (tenant_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX organizations_search_idx ON organizations USING gin (search_text gin_trgm_ops);
CREATE INDEX organizations_custom_idx ON organizations USING gin (custom jsonb_path_ops);
CREATE INDEX organizations_deleted_idx ON organizations (tenant_id, deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE persons (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    owner_id    uuid NOT NULL,
    salutation  text NOT NULL DEFAULT 'none' CHECK (salutation IN ('none', 'herr', 'frau', 'divers')),
    title       text NOT NULL DEFAULT '',
    first_name  text NOT NULL DEFAULT '',
    last_name   text NOT NULL DEFAULT '',
    job_title   text NOT NULL DEFAULT '',
    emails      jsonb NOT NULL DEFAULT '[]',
    phones      jsonb NOT NULL DEFAULT '[]',
    street      text NOT NULL DEFAULT '',
    postal_code text NOT NULL DEFAULT '',
    city        text NOT NULL DEFAULT '',
    country     text NOT NULL DEFAULT '',
    custom      jsonb NOT NULL DEFAULT '{}',
    -- "Last First" (or the e-mail address when there is no name): the list order.
    sort_name   text NOT NULL,
    -- Lower-case e-mail addresses, for the duplicate check.
    email_keys  text[] NOT NULL DEFAULT '{}',
    search_text text NOT NULL DEFAULT '',
    version     bigint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT persons_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT persons_owner_fkey FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX persons_name_idx ON persons (tenant_id, sort_name COLLATE "de-x-icu", id) WHERE deleted_at IS NULL;
CREATE INDEX persons_owner_name_idx ON persons (tenant_id, owner_id, sort_name COLLATE "de-x-icu", id) WHERE deleted_at IS NULL;
CREATE INDEX persons_created_idx ON persons (tenant_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX persons_updated_idx ON persons (tenant_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX persons_search_idx ON persons USING gin (search_text gin_trgm_ops);
CREATE INDEX persons_custom_idx ON persons USING gin (custom jsonb_path_ops);
CREATE INDEX persons_email_keys_idx ON persons USING gin (email_keys);
CREATE INDEX persons_deleted_idx ON persons (tenant_id, deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE memberships (
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    person_id       uuid NOT NULL,
    organization_id uuid NOT NULL,
    role            text NOT NULL DEFAULT '' CHECK (length(role) <= 200),
    is_primary      boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, organization_id),
    CONSTRAINT memberships_person_fkey FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT memberships_organization_fkey FOREIGN KEY (tenant_id, organization_id) REFERENCES organizations (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX memberships_one_primary_idx ON memberships (person_id) WHERE is_primary;
CREATE INDEX memberships_organization_idx ON memberships (organization_id);

CREATE TABLE notes (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    record_type text NOT NULL,
    record_id   uuid NOT NULL,
    author_id   uuid NOT NULL,
    body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    version     bigint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notes_author_fkey FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX notes_record_idx ON notes (tenant_id, record_type, record_id, created_at DESC);

-- The automatic history. The service may only add to it (migrate revokes UPDATE and DELETE from its role).
CREATE TABLE history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    record_type text NOT NULL,
    record_id   uuid NOT NULL,
    action      text NOT NULL,
    changes     jsonb NOT NULL DEFAULT '[]',
    actor_id    uuid,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX history_record_idx ON history (tenant_id, record_type, record_id, id DESC);

CREATE TABLE saved_filters (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    owner_id    uuid NOT NULL,
    record_type text NOT NULL,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    query       jsonb NOT NULL,
    shared      boolean NOT NULL DEFAULT false,
    version     bigint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT saved_filters_owner_fkey FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX saved_filters_idx ON saved_filters (tenant_id, record_type);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['custom_fields', 'organizations', 'persons', 'memberships', 'notes', 'history', 'saved_filters'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;

-- Housekeeping now also empties the trash: records deleted more than 30 days ago go for good, with their notes and
-- history (memberships follow by cascade).
CREATE OR REPLACE FUNCTION maintenance_purge()
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours';
    DELETE FROM login_failures WHERE failed_at < now() - interval '1 day';
    DELETE FROM sessions WHERE expires_at < now() - interval '7 days'
        OR revoked_at < now() - interval '7 days';
    WITH gone AS (DELETE FROM persons WHERE deleted_at < now() - interval '30 days' RETURNING id),
        gone_notes AS (DELETE FROM notes WHERE record_type = 'person' AND record_id IN (SELECT id FROM gone))
    DELETE FROM history WHERE record_type = 'person' AND record_id IN (SELECT id FROM gone);
    WITH gone AS (DELETE FROM organizations WHERE deleted_at < now() - interval '30 days' RETURNING id),
        gone_notes AS (DELETE FROM notes WHERE record_type = 'organization' AND record_id IN (SELECT id FROM gone))
    DELETE FROM history WHERE record_type = 'organization' AND record_id IN (SELECT id FROM gone);
$$;
REVOKE EXECUTE ON FUNCTION maintenance_purge() FROM PUBLIC;
