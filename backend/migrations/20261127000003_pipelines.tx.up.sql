-- Pipelines for deals and leads with ordered, weighted stages, and lost reasons.

CREATE TABLE pipelines (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    record_type text NOT NULL CHECK (record_type IN ('deal', 'lead')),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    position    integer NOT NULL DEFAULT 0,
    version     bigint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pipelines_tenant_id_key UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX pipelines_name_idx ON pipelines (tenant_id, record_type, lower(name));

CREATE TABLE stages (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    pipeline_id uuid NOT NULL,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    probability integer NOT NULL CHECK (probability BETWEEN 0 AND 100),
    position    integer NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- Records reference (pipeline_id, id), so a record's stage always belongs to its pipeline.
    CONSTRAINT stages_pipeline_id_key UNIQUE (pipeline_id, id),
    CONSTRAINT stages_pipeline_fkey FOREIGN KEY (tenant_id, pipeline_id) REFERENCES pipelines (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX stages_pipeline_idx ON stages (pipeline_id, position);

CREATE TABLE lost_reasons (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    record_type text NOT NULL CHECK (record_type IN ('deal', 'lead')),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
    archived_at timestamptz,
    version     bigint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT lost_reasons_tenant_id_key UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX lost_reasons_name_idx ON lost_reasons (tenant_id, record_type, lower(name)) WHERE archived_at IS NULL;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['pipelines', 'stages', 'lost_reasons'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;
