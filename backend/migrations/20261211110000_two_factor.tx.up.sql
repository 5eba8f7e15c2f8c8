-- Two-factor sign-in with TOTP and the user's signed-in devices (issue 18, parts 4 and 5).
--
-- 1. user_totp: a user's TOTP secret (RFC 6238, base32), pending until confirmed with a first code. last_step is
--    the time step (unix time / 30) of the last code accepted: a code is accepted only for a later step, so the
--    same code cannot be used twice.
-- 2. recovery_codes: ten per enrolment, stored as SHA-256 hashes (the codes are random, 50 bits each, and tried
--    under the sign-in throttle), each usable once.
-- 3. signin_challenges: the step between a right password and a session: a short-lived token (stored hashed) that
--    allows only the second factor (kind code) or only the enrolment (kind enrol). It is spent when the session is
--    issued; five wrong codes end it.
-- 4. security_events: what happened to a user's sign-in (TOTP switched on or off, reset by an admin, a recovery
--    code used, sessions ended by an admin), who did it and when. The service may only add to it.
-- 5. tenant_settings.two_factor_policy: who must have a second factor (off, admins, everyone).
-- 6. sessions.last_addr: the address of the session's last refresh, for the user's list of devices (remote_addr
--    stays the sign-in's: the sign-in throttle exempts addresses the account signed in from).

CREATE TABLE user_totp (
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id      uuid PRIMARY KEY,
    secret       text NOT NULL CHECK (length(secret) BETWEEN 16 AND 128),
    confirmed_at timestamptz,
    last_step    bigint NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT user_totp_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE recovery_codes (
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL,
    code_hash  bytea NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, code_hash),
    CONSTRAINT recovery_codes_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE signin_challenges (
    token_hash  bytea PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('code', 'enrol')),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    failures    integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT signin_challenges_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX signin_challenges_expires_idx ON signin_challenges (expires_at);

CREATE TABLE security_events (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id   uuid NOT NULL,
    action    text NOT NULL CHECK (action IN ('totp_enabled', 'totp_disabled', 'totp_reset', 'recovery_code_used',
        'sessions_revoked')),
    actor_id  uuid,
    at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT security_events_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX security_events_user_idx ON security_events (tenant_id, user_id, id DESC);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['user_totp', 'recovery_codes', 'signin_challenges', 'security_events'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;

ALTER TABLE tenant_settings ADD COLUMN two_factor_policy text NOT NULL DEFAULT 'off'
    CHECK (two_factor_policy IN ('off', 'admins', 'everyone'));

ALTER TABLE sessions ADD COLUMN last_addr text NOT NULL DEFAULT '';

-- A challenge arrives before the tenant is known, like a refresh token (auth_refresh_token_tenant).
CREATE FUNCTION auth_challenge_tenant(p_token_hash bytea)
RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT tenant_id FROM signin_challenges WHERE token_hash = p_token_hash
$$;

-- The second factor is throttled with the password: a code is an attempt begun with auth_signin_begin (counted
-- for the account and address, refused over the limits) and finished here with the service's verdict instead of
-- a key comparison. A right code clears the failures of its account and address as a right password does.
CREATE FUNCTION auth_code_finish(p_attempt bigint, p_ok boolean)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_email   text;
    v_address text;
BEGIN
    IF p_attempt IS NULL OR p_ok IS NULL THEN
        RAISE EXCEPTION 'auth_code_finish: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE login_failures AS f SET checked_at = clock_timestamp()
    WHERE f.id = p_attempt AND f.checked_at IS NULL AND f.failed_at > clock_timestamp() - interval '1 minute'
    RETURNING f.email, f.remote_addr INTO v_email, v_address;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'auth_code_finish: attempt % is unknown, already checked or expired', p_attempt
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_ok THEN
        DELETE FROM login_failures AS f WHERE f.email = v_email AND f.remote_addr = v_address;
    END IF;
END
$$;

REVOKE EXECUTE ON FUNCTION auth_challenge_tenant(bytea), auth_code_finish(bigint, boolean) FROM PUBLIC;

-- Housekeeping: spent and expired challenges go after a day.
CREATE OR REPLACE FUNCTION two_factor_purge()
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    DELETE FROM signin_challenges WHERE expires_at < now() - interval '1 day';
$$;
REVOKE EXECUTE ON FUNCTION two_factor_purge() FROM PUBLIC;
