-- Exports of record lists (issue 15): who exported which list (its filter), when, in which format, how many rows
-- and how long it took, for the admins (GET /api/v1/exports). A row is written when an export starts and finished
-- when it ends, so that an export cut short (the client went away, the server stopped) is listed too. The service
-- writes and finishes rows but never removes one (see db.Migrate's grants).

CREATE TABLE exports (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL,
    record_type text NOT NULL CHECK (record_type IN ('person', 'organization', 'deal', 'lead', 'activity')),
    format      text NOT NULL CHECK (format IN ('xlsx', 'csv')),
    -- The list query as the caller sent it (cursor and limit left out) and the columns written.
    filter      jsonb NOT NULL DEFAULT '{}',
    columns     text[] NOT NULL DEFAULT '{}',
    rows        integer NOT NULL DEFAULT 0 CHECK (rows >= 0),
    duration_ms bigint NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
    completed   boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    CONSTRAINT exports_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT exports_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
-- The admins' list, newest first.
CREATE INDEX exports_list_idx ON exports (tenant_id, created_at DESC, id DESC);

ALTER TABLE exports ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON exports
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
