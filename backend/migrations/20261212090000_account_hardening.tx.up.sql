-- Accounts hardened (issue 18, the gaps left open).
--
-- 1. Secrets at rest: user_totp.secret and oidc_configs.client_secret hold values sealed with AES-256-GCM under the
--    server's key (package secretbox: "v1:<key id>:<base64>"), longer than the plaintext: the length checks grow.
--    secret_reseal_tenants names the tenants with a value not sealed with the current key (plaintext from before,
--    or a previous key's), so that `serve` and `migrate` seal them tenant by tenant (secretbox.Reseal); it names
--    tenants only, never a value.
ALTER TABLE user_totp DROP CONSTRAINT user_totp_secret_check;
ALTER TABLE user_totp ADD CONSTRAINT user_totp_secret_check CHECK (length(secret) BETWEEN 16 AND 512);
ALTER TABLE oidc_configs DROP CONSTRAINT oidc_configs_client_secret_check;
ALTER TABLE oidc_configs ADD CONSTRAINT oidc_configs_client_secret_check
    CHECK (client_secret IS NULL OR length(client_secret) BETWEEN 1 AND 2000);

CREATE FUNCTION secret_reseal_tenants(p_prefix text)
RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_prefix IS NULL OR p_prefix !~ '^v1:[0-9a-f]{8}:$' THEN
        RAISE EXCEPTION 'secret_reseal_tenants: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
        SELECT t.tenant_id FROM user_totp AS t WHERE left(t.secret, length(p_prefix)) <> p_prefix
        UNION
        SELECT c.tenant_id FROM oidc_configs AS c
        WHERE c.client_secret IS NOT NULL AND left(c.client_secret, length(p_prefix)) <> p_prefix;
END
$$;

-- 2. A user's new recovery codes (POST /api/v1/me/two-factor/recovery-codes) are a security event.
ALTER TABLE security_events DROP CONSTRAINT security_events_action_check;
ALTER TABLE security_events ADD CONSTRAINT security_events_action_check CHECK (action IN ('totp_enabled',
    'totp_disabled', 'totp_reset', 'recovery_code_used', 'recovery_codes_renewed', 'sessions_revoked'));

-- 3. oidc_begin_requests: the begun single sign-ons per client address, for throttling POST /api/v1/auth/oidc/begin
--    (each one fetches the provider's discovery document and stores a login). Not tenant data; kept and read only
--    through oidc_begin_request (the service's role may not touch the table: db.Migrate).
CREATE TABLE oidc_begin_requests (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    remote_addr  text NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oidc_begin_requests_addr_idx ON oidc_begin_requests (remote_addr, requested_at);

-- A begin from p_address: refused past p_per_address within p_window (the answer: seconds to wait), else recorded.
CREATE FUNCTION oidc_begin_request(p_address text, p_window interval, p_per_address integer)
RETURNS TABLE (allowed boolean, retry_after integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_now timestamptz;
    v_n   integer;
    v_at  timestamptz;
BEGIN
    IF p_address IS NULL OR length(p_address) NOT BETWEEN 1 AND 100
        OR p_window IS NULL OR p_window NOT BETWEEN interval '1 second' AND interval '1 day'
        OR p_per_address IS NULL OR p_per_address NOT BETWEEN 1 AND 10000 THEN
        RAISE EXCEPTION 'oidc_begin_request: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM pg_advisory_xact_lock(20261213, hashtext(p_address));
    v_now := clock_timestamp();
    SELECT count(*), min(r.requested_at) INTO v_n, v_at FROM (
        SELECT q.requested_at FROM oidc_begin_requests AS q
        WHERE q.remote_addr = p_address AND q.requested_at > v_now - p_window
        ORDER BY q.requested_at DESC LIMIT p_per_address) AS r;
    IF v_n >= p_per_address THEN
        RETURN QUERY SELECT false, greatest(1, ceil(extract(epoch FROM v_at + p_window - v_now)))::integer;
        RETURN;
    END IF;
    INSERT INTO oidc_begin_requests (remote_addr, requested_at) VALUES (p_address, v_now);
    RETURN QUERY SELECT true, 0;
END
$$;

-- 4. Housekeeping of the one-time rows of sign-in (two_factor_purge, every instance every 10 minutes):
--    - spent and expired second-factor challenges, a day after they expired (as before);
--    - begun single sign-ons (state, nonce, PKCE verifier) as soon as they expired: nobody can finish them;
--    - the throttle's record of begun single sign-ons after a day;
--    - invitations revoked 30 days ago, and invitations never accepted 90 days after they expired. Until then an
--      expired invitation stays in the admin's list of pending ones (to resend or revoke); accepted invitations are
--      kept (who invited whom). Password resets and their requests go with password_resets_prune.
CREATE OR REPLACE FUNCTION two_factor_purge()
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    DELETE FROM signin_challenges WHERE expires_at < now() - interval '1 day';
    DELETE FROM oidc_logins WHERE expires_at < now();
    DELETE FROM oidc_begin_requests WHERE requested_at < now() - interval '1 day';
    DELETE FROM invitations WHERE revoked_at < now() - interval '30 days'
        OR (accepted_at IS NULL AND revoked_at IS NULL AND expires_at < now() - interval '90 days');
$$;

-- 5. The first-run checklist is offered to a new customer company only: setup_until is set for 30 days when the
--    operator creates a company (create-tenant, POST /api/v1/operator/tenants); NULL (the demo company, tenants
--    made before) offers none.
ALTER TABLE tenants ADD COLUMN setup_until timestamptz;

CREATE OR REPLACE FUNCTION tenant_create(p_id uuid, p_name text, p_plan text)
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
    INSERT INTO tenants (id, name, plan, setup_until) VALUES (p_id, btrim(p_name), p_plan, now() + interval '30 days');
END
$$;

REVOKE EXECUTE ON FUNCTION secret_reseal_tenants(text), oidc_begin_request(text, interval, integer),
    two_factor_purge(), tenant_create(uuid, text, text) FROM PUBLIC;
