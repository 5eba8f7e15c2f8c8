-- Foundation: plans, tenants, the sales hierarchy (units), roles, users, sessions and refresh tokens,
-- sign-in throttling and idempotency keys.
--
-- Tenant isolation: every tenant table has tenant_id and a row-level security policy keyed on the transaction
-- setting app.tenant_id (set by db.InTenant). The service connects as a role that owns no table, so the policies
-- always apply to it; the owner (migrations, seed) bypasses them.

CREATE TABLE plans (
    code                   text PRIMARY KEY,
    storage_bytes_per_user bigint NOT NULL CHECK (storage_bytes_per_user > 0),
    max_pipelines          integer NOT NULL CHECK (max_pipelines >= 0) -- 0 = unlimited
);
INSERT INTO plans (code, storage_bytes_per_user, max_pipelines) VALUES
    ('basic', 1073741824, 3),          -- 1 GB per user, 3 pipelines
    ('professional', 53687091200, 0);  -- 50 GB per user, unlimited pipelines

CREATE TABLE tenants (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    plan       text NOT NULL REFERENCES plans (code),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE units (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    parent_id  uuid,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    version    bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT units_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT units_parent_fkey FOREIGN KEY (tenant_id, parent_id) REFERENCES units (tenant_id, id)
);
CREATE UNIQUE INDEX units_one_root_idx ON units (tenant_id) WHERE parent_id IS NULL;
CREATE INDEX units_parent_idx ON units (tenant_id, parent_id);

CREATE TABLE roles (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    is_admin   boolean NOT NULL DEFAULT false,
    grants     jsonb NOT NULL DEFAULT '[]',
    version    bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT roles_tenant_id_key UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX roles_name_idx ON roles (tenant_id, lower(name));

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    password_hash text NOT NULL,
    unit_id       uuid NOT NULL,
    role_id       uuid NOT NULL,
    active        boolean NOT NULL DEFAULT true,
    version       bigint NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT users_unit_fkey FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
    CONSTRAINT users_role_fkey FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id)
);
-- An e-mail address signs in to exactly one account, whatever the tenant.
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));
CREATE INDEX users_unit_idx ON users (tenant_id, unit_id);
CREATE INDEX users_role_idx ON users (tenant_id, role_id);

-- A session is one sign-in: a chain of refresh tokens, each spent when it is exchanged for the next.
CREATE TABLE sessions (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id       uuid NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    revoke_reason text,
    user_agent    text NOT NULL DEFAULT '',
    remote_addr   text NOT NULL DEFAULT '',
    CONSTRAINT sessions_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_user_idx ON sessions (tenant_id, user_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
    token_hash bytea PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

-- Failed sign-ins, per e-mail and per remote address, for throttling. Not tenant data: an attacker's attempts
-- on unknown addresses belong to no tenant.
CREATE TABLE login_failures (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text NOT NULL,
    remote_addr text NOT NULL,
    failed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email_idx ON login_failures (email, failed_at);
CREATE INDEX login_failures_addr_idx ON login_failures (remote_addr, failed_at);

CREATE TABLE idempotency_keys (
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id      uuid NOT NULL,
    key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_hash bytea NOT NULL,
    status       integer,          -- NULL while the first request is still running
    response     bytea,
    etag         text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Row-level security on every tenant table.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['units', 'roles', 'users', 'sessions', 'refresh_tokens', 'idempotency_keys'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants USING (id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- Sign-in and refresh happen before the tenant is known. These two functions run as the owner and reveal exactly
-- what those steps need, nothing more.
CREATE FUNCTION auth_find_user(p_email text)
RETURNS TABLE (user_id uuid, tenant_id uuid, password_hash text, active boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT id, tenant_id, password_hash, active FROM users WHERE lower(email) = lower(p_email)
$$;

CREATE FUNCTION auth_refresh_token_tenant(p_token_hash bytea)
RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT tenant_id FROM refresh_tokens WHERE token_hash = p_token_hash
$$;

-- Housekeeping across all tenants, run periodically by every instance (idempotent, cheap).
CREATE FUNCTION maintenance_purge()
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours';
    DELETE FROM login_failures WHERE failed_at < now() - interval '1 day';
    DELETE FROM sessions WHERE expires_at < now() - interval '7 days'
        OR revoked_at < now() - interval '7 days';
$$;

REVOKE EXECUTE ON FUNCTION auth_find_user(text), auth_refresh_token_tenant(bytea), maintenance_purge() FROM PUBLIC;
