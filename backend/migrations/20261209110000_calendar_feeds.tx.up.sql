-- Personal calendar subscriptions (issue 16, part 5): every user may have one ICS feed of their own activities,
-- GET /ics/{token}.ics, which Outlook, Google and Apple calendars fetch without signing in. The token in the URL is
-- the only credential; it is shown once, when it is made, and only its SHA-256 is stored. Renewing the feed
-- replaces the hash (the old URL answers 404 from then on); switching it off deletes the row.

CREATE TABLE calendar_feeds (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id      uuid NOT NULL,
    token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    -- The fixed one-minute window of the feed's rate limit and the fetches counted in it.
    rate_window  timestamptz,
    rate_count   integer NOT NULL DEFAULT 0,
    CONSTRAINT calendar_feeds_user_key UNIQUE (tenant_id, user_id),
    CONSTRAINT calendar_feeds_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

-- Fetches with a token that fits no feed, by the client's address, for the per-address limit (as sign-in counts
-- its failures). No tenant is known for them, so the table spans the tenants; it holds addresses and times only,
-- and the service's role reaches it only through calendar_feed_open.
CREATE TABLE calendar_feed_failures (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    remote_addr text NOT NULL,
    failed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX calendar_feed_failures_addr_idx ON calendar_feed_failures (remote_addr, failed_at);
CREATE INDEX calendar_feed_failures_at_idx ON calendar_feed_failures (failed_at);

ALTER TABLE calendar_feeds ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON calendar_feeds
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- A feed's fetch names a token's hash and nothing else, so the feed is found here, outside row-level security,
-- by the hash: an index lookup on the SHA-256 of 32 random bytes, whose timing tells nothing about the token.
-- The answer, one row (tenant_id, user_id, retry_after) or none:
--   - an address with p_per_address misses within p_window gets a row with NULL ids and retry_after > 0, before
--     any lookup (as sign-in throttles an address), so that guessing tokens is not worth it;
--   - a hash that fits the feed of an active user: its tenant and user, with retry_after > 0 when the feed was
--     fetched more than 30 times in the current minute (a calendar polls every few minutes to hours);
--   - any other hash (unknown, renewed, switched off, or its user deactivated): no row, and the miss counts against
--     the address.
CREATE FUNCTION calendar_feed_open(p_token_hash bytea, p_address text, p_window interval, p_per_address integer)
RETURNS TABLE (tenant_id uuid, user_id uuid, retry_after integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_now    timestamptz := clock_timestamp();
    v_minute timestamptz := date_trunc('minute', clock_timestamp());
    v_n      integer;
    v_at     timestamptz;
    v_feed   uuid;
    v_count  integer;
BEGIN
    IF p_token_hash IS NULL OR length(p_token_hash) <> 32
        OR p_address IS NULL OR length(p_address) NOT BETWEEN 1 AND 100
        OR p_window IS NULL OR p_window NOT BETWEEN interval '1 second' AND interval '1 day'
        OR p_per_address IS NULL OR p_per_address NOT BETWEEN 1 AND 10000 THEN
        RAISE EXCEPTION 'calendar_feed_open: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM pg_advisory_xact_lock(20261209, hashtext(p_address));
    SELECT count(*), min(r.failed_at) INTO v_n, v_at FROM (
        SELECT f.failed_at FROM calendar_feed_failures AS f
        WHERE f.remote_addr = p_address AND f.failed_at > v_now - p_window
        ORDER BY f.failed_at DESC LIMIT p_per_address) AS r;
    IF v_n >= p_per_address THEN
        RETURN QUERY SELECT NULL::uuid, NULL::uuid, greatest(1, ceil(extract(epoch FROM v_at + p_window - v_now)))::integer;
        RETURN;
    END IF;

    SELECT c.id, c.tenant_id, c.user_id INTO v_feed, tenant_id, user_id
        FROM calendar_feeds AS c JOIN users AS u ON u.id = c.user_id AND u.tenant_id = c.tenant_id
        WHERE c.token_hash = p_token_hash AND u.active;
    IF NOT FOUND THEN
        INSERT INTO calendar_feed_failures (remote_addr, failed_at) VALUES (p_address, v_now);
        RETURN;
    END IF;
    UPDATE calendar_feeds AS c
        SET rate_count = CASE WHEN c.rate_window = v_minute THEN c.rate_count + 1 ELSE 1 END, rate_window = v_minute,
            last_used_at = v_now
        WHERE c.id = v_feed
        RETURNING c.rate_count INTO v_count;
    retry_after := 0;
    IF v_count > 30 THEN
        retry_after := greatest(1, ceil(extract(epoch FROM v_minute + interval '1 minute' - v_now))::integer);
    END IF;
    RETURN NEXT;
END
$$;

-- Housekeeping across tenants: misses older than a day go (the window is at most a day). No arguments.
CREATE FUNCTION calendar_feed_failures_prune()
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    DELETE FROM calendar_feed_failures WHERE failed_at < now() - interval '1 day';
$$;

REVOKE EXECUTE ON FUNCTION calendar_feed_open(bytea, text, interval, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION calendar_feed_failures_prune() FROM PUBLIC;
