-- E-mail from the backend (issue 18, part 1) and the tenant's support address (issue 16, part 9).
--
-- 1. tenant_settings: what a tenant's admins set for the whole company and no other table holds: the language of
--    the mails the server writes on the tenant's behalf and the address support requests go to. One row per
--    tenant at most (none: the defaults, German and no support address). The service reads tenants but may not
--    change them, so these live in a table of their own, under row-level security like every tenant table.
CREATE TABLE tenant_settings (
    tenant_id     uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    language      text NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
    support_email text CHECK (support_email IS NULL OR length(support_email) BETWEEN 3 AND 254),
    version       bigint NOT NULL DEFAULT 1,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- 2. mail_queue: every mail the backend sends, queued in the transaction of the change that causes it and sent by
--    the mail worker of any backend instance (mail_claim), with retries and exponential backoff, so that an SMTP
--    outage delays mail and never loses it or blocks a request. The row keeps the template's name, language and
--    data; the worker renders it when it sends. last_error is a short code (connect, tls, auth, recipient, ...),
--    never a server's text, which may quote an address. Sent mail is kept 30 days, failed mail 90 (mail_prune).
CREATE TABLE mail_queue (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    template        text NOT NULL CHECK (template ~ '^[a-z][a-z0-9_]{0,62}$'),
    language        text NOT NULL CHECK (language IN ('de', 'en')),
    recipient       text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 254),
    reply_to        text CHECK (reply_to IS NULL OR length(reply_to) BETWEEN 3 AND 254),
    data            jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object' AND pg_column_size(data) <= 262144),
    -- The user whose action queued the mail (throttles count by it); NULL for the system's mail or when the user
    -- was deleted.
    created_by      uuid,
    state           text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text CHECK (last_error IS NULL OR last_error ~ '^[a-z][a-z_]{0,39}$'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    CONSTRAINT mail_queue_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT mail_queue_creator_fkey FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
        ON DELETE SET NULL (created_by),
    CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX mail_queue_due_idx ON mail_queue (next_attempt_at) WHERE state = 'queued';
CREATE INDEX mail_queue_creator_idx ON mail_queue (tenant_id, created_by, template, created_at);
CREATE INDEX mail_queue_done_idx ON mail_queue (created_at) WHERE state <> 'queued';

-- Files sent with a mail (e.g. the diagnostics of a support request), bounded per file here and per mail by the
-- service (mail.MaxAttachmentBytes, mail.MaxAttachments).
CREATE TABLE mail_attachments (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL,
    mail_id      uuid NOT NULL,
    position     integer NOT NULL CHECK (position BETWEEN 0 AND 9),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    content_type text NOT NULL CHECK (length(content_type) BETWEEN 3 AND 200),
    content      bytea NOT NULL CHECK (length(content) <= 2097152),
    CONSTRAINT mail_attachments_mail_fkey FOREIGN KEY (tenant_id, mail_id) REFERENCES mail_queue (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT mail_attachments_position_key UNIQUE (mail_id, position)
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tenant_settings', 'mail_queue', 'mail_attachments'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;

-- The worker's claim across tenants: up to p_limit due mails, each leased for p_lease_seconds (another instance
-- takes it only after the lease, should this one die while sending) and its attempt counted. SKIP LOCKED lets
-- several instances claim at once without waiting for each other or taking the same mail.
CREATE FUNCTION mail_claim(p_limit integer, p_lease_seconds double precision)
RETURNS TABLE (id uuid, tenant_id uuid, attempts integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 100
        OR p_lease_seconds IS NULL OR p_lease_seconds NOT BETWEEN 1 AND 3600 THEN
        RAISE EXCEPTION 'mail_claim: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
    WITH due AS (
        SELECT q.id FROM mail_queue AS q
        WHERE q.state = 'queued' AND q.next_attempt_at <= clock_timestamp()
        ORDER BY q.next_attempt_at
        LIMIT p_limit
        FOR UPDATE SKIP LOCKED
    )
    UPDATE mail_queue AS q
    SET next_attempt_at = clock_timestamp() + make_interval(secs => p_lease_seconds), attempts = q.attempts + 1
    FROM due WHERE q.id = due.id
    RETURNING q.id, q.tenant_id, q.attempts;
END
$$;

-- Housekeeping across tenants: sent mail goes after 30 days, failed mail after 90 (an operator may look into it
-- first). No arguments.
CREATE FUNCTION mail_prune()
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    DELETE FROM mail_queue WHERE state = 'sent' AND sent_at < now() - interval '30 days';
    DELETE FROM mail_queue WHERE state = 'failed' AND created_at < now() - interval '90 days';
$$;

REVOKE EXECUTE ON FUNCTION mail_claim(integer, double precision), mail_prune() FROM PUBLIC;
