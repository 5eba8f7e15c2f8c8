-- Sign-in hardening (issue 11).
--
-- Before: the service read the throttle's counts, then the password hash (auth_find_user, which handed any
-- account's hash to the service's role, uncounted), checked the password and only then recorded a failure. Concurrent
-- attempts all passed the read, and five failures from anywhere locked the owner out for the whole window.
--
-- Now a sign-in goes through three functions, and the service's role has no other way to the hashes: it may not
-- read users.password_hash at all, nor touch login_failures (both revoked in db.Migrate).
--   1. auth_signin_begin(e-mail, address, window, per pair, per address) decides under a lock on the account and
--      one on the address, so concurrent attempts are decided one after the other. An allowed attempt is recorded
--      at once, as a failure until proved otherwise, and the answer is its id with the parameters and salt of the
--      stored hash (not the hash: the key never leaves the database). A refused one answers only how many
--      seconds to wait.
--   2. The service derives the argon2id key of the password with those parameters.
--   3. auth_signin_finish(attempt, key) compares it with the stored key, once per attempt and within a minute of
--      the begin. On success it clears the failures of that account and address and returns the user.
--   auth_signin_abandon(attempt) takes back an attempt that never came to a comparison (the server was too busy
--   to derive the key); it gives nothing to compare, so it is no way around the counting.
--
-- The limits:
--   - per account and address: p_per_pair attempts within p_window (5 in 15 minutes by default);
--   - per address, over all accounts: p_per_address attempts within p_window (30 by default);
--   - per account, over all addresses: after 10 attempts within an hour each further attempt waits
--     2^(n - 10) seconds after the latest one, at most 5 minutes. Addresses from which the account signed in
--     within the last 30 days are exempt, so an attacker elsewhere slows only strangers down, never locks the
--     owner out. This limit is fixed here, not an argument: it holds whatever a caller passes.
-- Refused attempts are not recorded, so waiting out the Retry-After always helps.

ALTER TABLE login_failures ADD COLUMN checked_at timestamptz;
COMMENT ON TABLE login_failures IS
    'Sign-in attempts that did not (yet) succeed, per e-mail and address; written only by the auth_signin_* functions.';
COMMENT ON COLUMN login_failures.checked_at IS 'When auth_signin_finish compared the key; NULL while in flight.';

-- "Has this account signed in from this address lately?" (the exemption from the per-account delay).
CREATE INDEX sessions_user_addr_idx ON sessions (user_id, remote_addr, created_at);

-- A random secret from which unknown e-mails get a salt of their own: the answer for an unknown e-mail looks like
-- the one for a known account, to a caller as much as in timing.
CREATE TABLE signin_secret (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    secret   bytea NOT NULL
);
INSERT INTO signin_secret (secret)
    VALUES (sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || clock_timestamp()::text, 'UTF8')));

DROP FUNCTION auth_find_user(text);

CREATE FUNCTION auth_signin_begin(p_email text, p_address text, p_window interval, p_per_pair integer,
    p_per_address integer)
RETURNS TABLE (attempt_id bigint, retry_after integer, params text, key_len integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_email text := lower(btrim(p_email));
    v_now   timestamptz;
    v_wait  interval := interval '0';
    v_n     integer;
    v_at    timestamptz;
    v_user  uuid;
    v_hash  text;
    v_id    bigint;
BEGIN
    IF v_email IS NULL OR length(v_email) NOT BETWEEN 1 AND 254
        OR p_address IS NULL OR length(p_address) NOT BETWEEN 1 AND 100
        OR p_window IS NULL OR p_window NOT BETWEEN interval '1 second' AND interval '1 day'
        OR p_per_pair IS NULL OR p_per_pair NOT BETWEEN 1 AND 100
        OR p_per_address IS NULL OR p_per_address NOT BETWEEN 1 AND 10000 THEN
        RAISE EXCEPTION 'auth_signin_begin: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- One decision at a time per account and per address; always in this order, so two never wait for each other.
    PERFORM pg_advisory_xact_lock(20261206, hashtext(v_email));
    PERFORM pg_advisory_xact_lock(20261207, hashtext(p_address));
    v_now := clock_timestamp();

    SELECT count(*), min(r.failed_at) INTO v_n, v_at FROM (
        SELECT f.failed_at FROM login_failures AS f
        WHERE f.email = v_email AND f.remote_addr = p_address AND f.failed_at > v_now - p_window
        ORDER BY f.failed_at DESC LIMIT p_per_pair) AS r;
    IF v_n >= p_per_pair THEN
        v_wait := greatest(v_wait, v_at + p_window - v_now);
    END IF;

    SELECT count(*), min(r.failed_at) INTO v_n, v_at FROM (
        SELECT f.failed_at FROM login_failures AS f
        WHERE f.remote_addr = p_address AND f.failed_at > v_now - p_window
        ORDER BY f.failed_at DESC LIMIT p_per_address) AS r;
    IF v_n >= p_per_address THEN
        v_wait := greatest(v_wait, v_at + p_window - v_now);
    END IF;

    SELECT u.id, u.password_hash INTO v_user, v_hash FROM users AS u WHERE lower(u.email) = v_email;

    SELECT count(*), max(f.failed_at) INTO v_n, v_at FROM login_failures AS f
    WHERE f.email = v_email AND f.failed_at > v_now - interval '1 hour';
    IF v_n >= 10 AND NOT EXISTS (SELECT 1 FROM sessions AS s WHERE s.user_id = v_user AND s.remote_addr = p_address
            AND s.created_at > v_now - interval '30 days') THEN
        v_wait := greatest(v_wait,
            v_at + least(interval '5 minutes', interval '1 second' * power(2, least(v_n - 10, 20))) - v_now);
    END IF;

    IF v_wait > interval '0' THEN
        RETURN QUERY SELECT NULL::bigint, greatest(1, ceil(extract(epoch FROM v_wait)))::integer, NULL::text, NULL::integer;
        RETURN;
    END IF;

    INSERT INTO login_failures (email, remote_addr, failed_at) VALUES (v_email, p_address, v_now) RETURNING id INTO v_id;
    IF v_hash IS NULL THEN
        -- The parameters of auth.HashPassword (a test keeps the two equal) and a salt only this e-mail gets.
        RETURN QUERY SELECT v_id, 0, '$argon2id$v=19$m=19456,t=2,p=1$' || rtrim(encode(substring(
            sha256((SELECT s.secret FROM signin_secret AS s) || convert_to(v_email, 'UTF8')) FROM 1 FOR 16), 'base64'), '='),
            32;
    ELSE
        -- PHC format $argon2id$v=..$m=..,t=..,p=..$salt$key: everything but the key, and the key's length in bytes.
        RETURN QUERY SELECT v_id, 0, regexp_replace(v_hash, '\$[^$]*$', ''),
            length(split_part(v_hash, '$', 6)) * 3 / 4;
    END IF;
END
$$;

CREATE FUNCTION auth_signin_finish(p_attempt bigint, p_key text)
RETURNS TABLE (user_id uuid, tenant_id uuid)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_email   text;
    v_address text;
BEGIN
    IF p_attempt IS NULL OR p_key IS NULL OR p_key !~ '^[A-Za-z0-9+/]{16,200}$' THEN
        RAISE EXCEPTION 'auth_signin_finish: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE login_failures AS f SET checked_at = clock_timestamp()
    WHERE f.id = p_attempt AND f.checked_at IS NULL AND f.failed_at > clock_timestamp() - interval '1 minute'
    RETURNING f.email, f.remote_addr INTO v_email, v_address;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'auth_signin_finish: attempt % is unknown, already checked or expired', p_attempt
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY SELECT u.id, u.tenant_id FROM users AS u
    WHERE lower(u.email) = v_email AND u.active AND split_part(u.password_hash, '$', 6) = p_key;
    IF FOUND THEN
        DELETE FROM login_failures AS f WHERE f.email = v_email AND f.remote_addr = v_address;
    END IF;
END
$$;

CREATE FUNCTION auth_signin_abandon(p_attempt bigint)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DELETE FROM login_failures WHERE id = p_attempt AND checked_at IS NULL;
$$;

REVOKE EXECUTE ON FUNCTION auth_signin_begin(text, text, interval, integer, integer),
    auth_signin_finish(bigint, text), auth_signin_abandon(bigint) FROM PUBLIC;
