-- Invitations, password resets and new companies from the operator (issue 18, parts 2, 3 and 7).
--
-- 1. invitations: an admin invites a colleague by e-mail into a unit and a role. The link's token is random and
--    stored only as its SHA-256; it is spent by the acceptance (accepted_at), dies with a revocation (revoked_at)
--    or at expires_at (7 days), and a resend replaces token_hash (the old link is dead). At most one open
--    invitation per address and company. An invitation to an address whose account is in another company is kept
--    like any other (the inviter must not learn of the account) but marked withheld: no mail goes out and nobody
--    can accept it.
CREATE TABLE invitations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email       text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    unit_id     uuid NOT NULL,
    role_id     uuid NOT NULL,
    token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    -- The admin who invited (NULL: the operator, for a new company's first admin, or a deleted user).
    invited_by  uuid,
    withheld    boolean NOT NULL DEFAULT false,
    sent_at     timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    revoked_at  timestamptz,
    user_id     uuid,
    version     bigint NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT invitations_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT invitations_unit_fkey FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT invitations_role_fkey FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT invitations_inviter_fkey FOREIGN KEY (tenant_id, invited_by) REFERENCES users (tenant_id, id)
        ON DELETE SET NULL (invited_by),
    CONSTRAINT invitations_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
        ON DELETE SET NULL (user_id),
    CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
CREATE UNIQUE INDEX invitations_open_email_idx ON invitations (tenant_id, lower(email))
    WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX invitations_unit_idx ON invitations (tenant_id, unit_id);
CREATE INDEX invitations_role_idx ON invitations (tenant_id, role_id);

-- 2. password_resets: a single-use link to set a new password, valid 30 minutes; the token likewise only as its
--    SHA-256. Setting the password spends every open reset of the user.
CREATE TABLE password_resets (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL,
    token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    CONSTRAINT password_resets_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX password_resets_user_idx ON password_resets (tenant_id, user_id) WHERE used_at IS NULL;
CREATE INDEX password_resets_expires_idx ON password_resets (expires_at);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['invitations', 'password_resets'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;

-- 3. password_reset_requests: requests for a reset link, per e-mail and per client address, for throttling. Not
--    tenant data: requests for unknown addresses belong to no tenant. Kept and read only through
--    auth_reset_request (the service's role may not touch the table: db.Migrate).
CREATE TABLE password_reset_requests (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        text NOT NULL,
    remote_addr  text NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_reset_requests_email_idx ON password_reset_requests (email, requested_at);
CREATE INDEX password_reset_requests_addr_idx ON password_reset_requests (remote_addr, requested_at);

-- A reset request before the tenant is known: counted per e-mail and per address under locks (as
-- auth_signin_begin), refused past p_per_email or p_per_address requests within p_window (the answer: seconds to
-- wait), else recorded; the answer names the active account of the e-mail, if any (user and tenant), so that the
-- service can queue the mail in that tenant. Requests are recorded whether or not the e-mail has an account, so
-- the throttle answers alike for both.
CREATE FUNCTION auth_reset_request(p_email text, p_address text, p_window interval, p_per_email integer,
    p_per_address integer)
RETURNS TABLE (allowed boolean, retry_after integer, user_id uuid, tenant_id uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_email text := lower(btrim(p_email));
    v_now   timestamptz;
    v_wait  interval := interval '0';
    v_n     integer;
    v_at    timestamptz;
BEGIN
    IF v_email IS NULL OR length(v_email) NOT BETWEEN 3 AND 254
        OR p_address IS NULL OR length(p_address) NOT BETWEEN 1 AND 100
        OR p_window IS NULL OR p_window NOT BETWEEN interval '1 second' AND interval '1 day'
        OR p_per_email IS NULL OR p_per_email NOT BETWEEN 1 AND 100
        OR p_per_address IS NULL OR p_per_address NOT BETWEEN 1 AND 10000 THEN
        RAISE EXCEPTION 'auth_reset_request: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM pg_advisory_xact_lock(20261211, hashtext(v_email));
    PERFORM pg_advisory_xact_lock(20261212, hashtext(p_address));
    v_now := clock_timestamp();

    SELECT count(*), min(r.requested_at) INTO v_n, v_at FROM (
        SELECT q.requested_at FROM password_reset_requests AS q
        WHERE q.email = v_email AND q.requested_at > v_now - p_window
        ORDER BY q.requested_at DESC LIMIT p_per_email) AS r;
    IF v_n >= p_per_email THEN
        v_wait := greatest(v_wait, v_at + p_window - v_now);
    END IF;
    SELECT count(*), min(r.requested_at) INTO v_n, v_at FROM (
        SELECT q.requested_at FROM password_reset_requests AS q
        WHERE q.remote_addr = p_address AND q.requested_at > v_now - p_window
        ORDER BY q.requested_at DESC LIMIT p_per_address) AS r;
    IF v_n >= p_per_address THEN
        v_wait := greatest(v_wait, v_at + p_window - v_now);
    END IF;
    IF v_wait > interval '0' THEN
        RETURN QUERY SELECT false, greatest(1, ceil(extract(epoch FROM v_wait)))::integer, NULL::uuid, NULL::uuid;
        RETURN;
    END IF;

    INSERT INTO password_reset_requests (email, remote_addr, requested_at) VALUES (v_email, p_address, v_now);
    RETURN QUERY SELECT true, 0, u.id, u.tenant_id FROM users AS u WHERE lower(u.email) = v_email AND u.active;
    IF NOT FOUND THEN
        RETURN QUERY SELECT true, 0, NULL::uuid, NULL::uuid;
    END IF;
END
$$;

-- The tenant of a link's token (an invitation's or a password reset's), before the tenant is known: the hash of a
-- random 256-bit token that fits answers its tenant, nothing else answers anything.
CREATE FUNCTION link_token_tenant(p_kind text, p_hash bytea)
RETURNS uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_hash IS NULL OR length(p_hash) <> 32 OR p_kind IS NULL OR p_kind NOT IN ('invitation', 'password_reset') THEN
        RAISE EXCEPTION 'link_token_tenant: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_kind = 'invitation' THEN
        RETURN (SELECT i.tenant_id FROM invitations AS i WHERE i.token_hash = p_hash);
    END IF;
    RETURN (SELECT r.tenant_id FROM password_resets AS r WHERE r.token_hash = p_hash);
END
$$;

-- Whether an e-mail address has an account in another company than the caller's (an invitation to it is
-- withheld). Called in a tenant's transaction; answers a boolean, never the account or its company.
CREATE FUNCTION user_email_elsewhere(p_email text)
RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
BEGIN
    IF v_tenant IS NULL THEN
        RAISE EXCEPTION 'user_email_elsewhere: no tenant' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_email IS NULL OR length(p_email) NOT BETWEEN 3 AND 254 THEN
        RAISE EXCEPTION 'user_email_elsewhere: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN EXISTS (SELECT 1 FROM users AS u WHERE lower(u.email) = lower(btrim(p_email)) AND u.tenant_id <> v_tenant);
END
$$;

-- A new company, made by the operator API (the service's role may not insert into tenants): called in the new
-- tenant's own transaction (app.tenant_id = p_id), so that the company and its units, roles and the first admin's
-- invitation commit together; an ID that is already a tenant's is refused.
CREATE FUNCTION tenant_create(p_id uuid, p_name text, p_plan text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_id IS NULL OR p_id IS DISTINCT FROM NULLIF(current_setting('app.tenant_id', true), '')::uuid THEN
        RAISE EXCEPTION 'tenant_create: not in the new tenant''s transaction' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_name IS NULL OR length(btrim(p_name)) NOT BETWEEN 1 AND 200
        OR p_plan IS NULL OR NOT EXISTS (SELECT 1 FROM plans WHERE code = p_plan) THEN
        RAISE EXCEPTION 'tenant_create: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO tenants (id, name, plan) VALUES (p_id, btrim(p_name), p_plan);
END
$$;

-- Housekeeping across tenants: reset requests older than a day and resets 30 days after they ended go.
CREATE FUNCTION password_resets_prune()
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    DELETE FROM password_reset_requests WHERE requested_at < now() - interval '1 day';
    DELETE FROM password_resets WHERE expires_at < now() - interval '30 days';
$$;

REVOKE EXECUTE ON FUNCTION auth_reset_request(text, text, interval, integer, integer), link_token_tenant(text, bytea),
    user_email_elsewhere(text), tenant_create(uuid, text, text), password_resets_prune() FROM PUBLIC;
