-- The notification centre (issue 14): what happened that concerns a user (a lead or deal given to them, a lead a
-- source delivered, an activity given to them or due soon, a deal of their team won or lost, their upload
-- finished), kept per user with its read state. The notification worker (package notify) derives them from the
-- change feed, once: it holds the one row of notify_cursor locked while it works, and inserts a batch's
-- notifications and moves the cursor past the batch in the same transaction.

CREATE TABLE notifications (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('lead_assigned', 'lead_delivered', 'deal_assigned', 'deal_won',
        'deal_lost', 'activity_assigned', 'activity_due', 'document_stored')),
    -- The record the notification opens: the deal, lead or activity; for an upload, the record the document
    -- belongs to (document_id names the document).
    record_type text NOT NULL CHECK (record_type IN ('person', 'organization', 'deal', 'lead', 'activity')),
    record_id   uuid NOT NULL,
    document_id uuid,
    -- Who did it; none for the system (a lead source).
    actor_id    uuid,
    -- What it was derived from, which makes deriving it again a no-op: the change event, or for activity_due the
    -- due time it announces (an activity moved to another time is announced again).
    event_id    bigint,
    due_at      timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    read_at     timestamptz,
    CONSTRAINT notifications_tenant_id_key UNIQUE (tenant_id, id),
    CONSTRAINT notifications_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT notifications_actor_fkey FOREIGN KEY (tenant_id, actor_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (actor_id),
    CONSTRAINT notifications_origin_check CHECK ((event_id IS NULL) <> (due_at IS NULL)),
    CONSTRAINT notifications_due_check CHECK ((kind = 'activity_due') = (due_at IS NOT NULL))
);
CREATE UNIQUE INDEX notifications_event_key ON notifications (user_id, kind, event_id) WHERE event_id IS NOT NULL;
CREATE UNIQUE INDEX notifications_due_key ON notifications (user_id, record_id, due_at) WHERE due_at IS NOT NULL;
-- A user's list, newest first, and their unread ones (the badge).
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at DESC) WHERE read_at IS NULL;
-- Housekeeping removes the old read ones.
CREATE INDEX notifications_read_idx ON notifications (read_at) WHERE read_at IS NOT NULL;

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notifications
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

-- A new notification reaches its user's open desktops through the change feed, only theirs (owner column
-- user_id). Marking read is no ignored column: the user's other windows update their badge from it.
SELECT change_feed_attach('notifications', 'notification', 'user_id', '', '');

-- The worker's position in the change feed, (xid, id) as change_events_after takes it. It starts at the feed's
-- head: what happened before the notification centre existed is not announced.
CREATE TABLE notify_cursor (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    xid       xid8 NOT NULL,
    id        bigint NOT NULL
);
INSERT INTO notify_cursor (xid, id)
    SELECT coalesce(h.xid, '0'::xid8), coalesce(h.id, 0) FROM (SELECT NULL) AS one LEFT JOIN change_events_head() AS h ON true;

-- Open activities of every tenant due within p_within that were not announced for that due time yet, soonest
-- first, for the worker's periodic look (it inserts the notifications in each tenant's transaction).
CREATE INDEX activities_open_due_idx ON activities (due_at) WHERE NOT done;
CREATE FUNCTION notify_activities_due(p_within interval, p_limit integer)
RETURNS TABLE (tenant_id uuid, id uuid, assignee_id uuid, due_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_within IS NULL OR p_within < interval '1 minute' OR p_within > interval '1 day'
            OR p_limit IS NULL OR p_limit < 1 OR p_limit > 1000 THEN
        RAISE EXCEPTION 'notify_activities_due: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY SELECT a.tenant_id, a.id, a.assignee_id, a.due_at FROM activities AS a
        WHERE NOT a.done AND a.due_at > now() AND a.due_at <= now() + p_within
            AND NOT EXISTS (SELECT 1 FROM notifications AS n
                WHERE n.user_id = a.assignee_id AND n.record_id = a.id AND n.due_at = a.due_at)
        ORDER BY a.due_at LIMIT p_limit;
END
$$;

-- Housekeeping across tenants: read notifications older than 90 days go.
CREATE FUNCTION notifications_prune()
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    DELETE FROM notifications WHERE read_at < now() - interval '90 days';
$$;

REVOKE EXECUTE ON FUNCTION notify_activities_due(interval, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION notifications_prune() FROM PUBLIC;
