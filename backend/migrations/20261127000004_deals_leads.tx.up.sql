-- Deals and leads: records in pipelines, with the same record mechanisms as persons and organisations.

CREATE TABLE deals (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id         uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    owner_id          uuid NOT NULL,
    title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    value             numeric(14, 2) NOT NULL DEFAULT 0 CHECK (value >= 0),
    currency          text NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    expected_close    date,
    person_id         uuid,
    organization_id   uuid,
    pipeline_id       uuid NOT NULL,
    stage_id          uuid NOT NULL,
    status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
    lost_reason_id    uuid,
    lost_comment      text NOT NULL DEFAULT '',
    closed_at         timestamptz,
    custom            jsonb NOT NULL DEFAULT '{}',
    search_text       text NOT NULL DEFAULT '',
    version           bigint NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at        timestamptz,
    deleted_by        uuid,
    CONSTRAINT deals_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT deals_party_check CHECK (person_id IS NOT NULL OR organization_id IS NOT NULL),
    CONSTRAINT deals_lost_check CHECK (status <> 'lost' OR lost_reason_id IS NOT NULL),
    CONSTRAINT deals_owner_fkey FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id),
    CONSTRAINT deals_person_fkey FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id),
    CONSTRAINT deals_organization_fkey FOREIGN KEY (tenant_id, organization_id) REFERENCES organizations (tenant_id, id),
    CONSTRAINT deals_pipeline_fkey FOREIGN KEY (tenant_id, pipeline_id) REFERENCES pipelines (tenant_id, id),
    CONSTRAINT deals_stage_fkey FOREIGN KEY (pipeline_id, stage_id) REFERENCES stages (pipeline_id, id),
    CONSTRAINT deals_lost_reason_fkey FOREIGN KEY (tenant_id, lost_reason_id) REFERENCES lost_reasons (tenant_id, id)
);
-- The board: open deals of a pipeline per stage; the list: by title.
CREATE INDEX deals_board_idx ON deals (tenant_id, pipeline_id, stage_id, updated_at DESC, id) WHERE deleted_at IS NULL AND status = 'open';
CREATE INDEX deals_title_idx ON deals (tenant_id, title COLLATE "de-x-icu", id) WHERE deleted_at IS NULL;
CREATE INDEX deals_owner_idx ON deals (tenant_id, owner_id) WHERE deleted_at IS NULL;
CREATE INDEX deals_person_idx ON deals (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX deals_organization_idx ON deals (organization_id) WHERE organization_id IS NOT NULL;
CREATE INDEX deals_created_idx ON deals (tenant_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_updated_idx ON deals (tenant_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_search_idx ON deals USING gin (search_text gin_trgm_ops);
CREATE INDEX deals_custom_idx ON deals USING gin (custom jsonb_path_ops);

CREATE TABLE leads (
    id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id                 uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    owner_id                  uuid NOT NULL,
    title                     text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    person_name               text NOT NULL DEFAULT '',
    company                   text NOT NULL DEFAULT '',
    email                     text NOT NULL DEFAULT '',
    phone                     text NOT NULL DEFAULT '',
    street                    text NOT NULL DEFAULT '',
    postal_code               text NOT NULL DEFAULT '',
    city                      text NOT NULL DEFAULT '',
    country                   text NOT NULL DEFAULT '',
    source                    text NOT NULL DEFAULT '',
    pipeline_id               uuid NOT NULL,
    stage_id                  uuid NOT NULL,
    status                    text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'converted', 'lost')),
    lost_reason_id            uuid,
    lost_comment              text NOT NULL DEFAULT '',
    converted_at              timestamptz,
    converted_person_id       uuid,
    converted_organization_id uuid,
    converted_deal_id         uuid,
    custom                    jsonb NOT NULL DEFAULT '{}',
    search_text               text NOT NULL DEFAULT '',
    version                   bigint NOT NULL DEFAULT 1,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    deleted_at                timestamptz,
    deleted_by                uuid,
    CONSTRAINT leads_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT leads_lost_check CHECK (status <> 'lost' OR lost_reason_id IS NOT NULL),
    CONSTRAINT leads_owner_fkey FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id),
    CONSTRAINT leads_pipeline_fkey FOREIGN KEY (tenant_id, pipeline_id) REFERENCES pipelines (tenant_id, id),
    CONSTRAINT leads_stage_fkey FOREIGN KEY (pipeline_id, stage_id) REFERENCES stages (pipeline_id, id),
    CONSTRAINT leads_lost_reason_fkey FOREIGN KEY (tenant_id, lost_reason_id) REFERENCES lost_reasons (tenant_id, id)
);
CREATE INDEX leads_board_idx ON leads (tenant_id, pipeline_id, stage_id, updated_at DESC, id) WHERE deleted_at IS NULL AND status = 'open';
CREATE INDEX leads_title_idx ON leads (tenant_id, title COLLATE "de-x-icu", id) WHERE deleted_at IS NULL;
CREATE INDEX leads_owner_idx ON leads (tenant_id, owner_id) WHERE deleted_at IS NULL;
CREATE INDEX leads_created_idx ON leads (tenant_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_updated_idx ON leads (tenant_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_search_idx ON leads USING gin (search_text gin_trgm_ops);
CREATE INDEX leads_custom_idx ON leads USING gin (custom jsonb_path_ops);

CREATE TABLE lead_field_mappings (
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    lead_field   text NOT NULL,
    target       text NOT NULL CHECK (target IN ('person', 'organization')),
    target_field text NOT NULL,
    position     integer NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, target, target_field)
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['deals', 'leads', 'lead_field_mappings'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;

-- The trash empties deals and leads too.
CREATE OR REPLACE FUNCTION maintenance_purge()
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours';
    DELETE FROM login_failures WHERE failed_at < now() - interval '1 day';
    DELETE FROM sessions WHERE expires_at < now() - interval '7 days'
        OR revoked_at < now() - interval '7 days';
    WITH gone AS (DELETE FROM deals WHERE deleted_at < now() - interval '30 days' RETURNING id),
        gone_notes AS (DELETE FROM notes WHERE record_type = 'deal' AND record_id IN (SELECT id FROM gone))
    DELETE FROM history WHERE record_type = 'deal' AND record_id IN (SELECT id FROM gone);
    WITH gone AS (DELETE FROM leads WHERE deleted_at < now() - interval '30 days' RETURNING id),
        gone_notes AS (DELETE FROM notes WHERE record_type = 'lead' AND record_id IN (SELECT id FROM gone))
    DELETE FROM history WHERE record_type = 'lead' AND record_id IN (SELECT id FROM gone);
    -- Persons and organisations still referenced by a deal stay in the trash until the deal goes.
    WITH gone AS (DELETE FROM persons AS p WHERE p.deleted_at < now() - interval '30 days'
            AND NOT EXISTS (SELECT 1 FROM deals AS d WHERE d.person_id = p.id) RETURNING id),
        gone_notes AS (DELETE FROM notes WHERE record_type = 'person' AND record_id IN (SELECT id FROM gone))
    DELETE FROM history WHERE record_type = 'person' AND record_id IN (SELECT id FROM gone);
    WITH gone AS (DELETE FROM organizations AS o WHERE o.deleted_at < now() - interval '30 days'
            AND NOT EXISTS (SELECT 1 FROM deals AS d WHERE d.organization_id = o.id) RETURNING id),
        gone_notes AS (DELETE FROM notes WHERE record_type = 'organization' AND record_id IN (SELECT id FROM gone))
    DELETE FROM history WHERE record_type = 'organization' AND record_id IN (SELECT id FROM gone);
$$;
REVOKE EXECUTE ON FUNCTION maintenance_purge() FROM PUBLIC;
