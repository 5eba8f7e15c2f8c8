-- Figures for the metrics endpoint (package metrics) across all tenants: the queues of the workers and what the
-- document store holds. Counts only, nothing of any tenant's content; it runs as the owner, outside row-level
-- security, as the workers' own claim functions do.
CREATE FUNCTION ops_stats()
RETURNS TABLE (geocode_jobs bigint, geocode_due bigint, geocode_retrying bigint, documents_stored bigint,
               document_bytes bigint, documents_cleanup bigint, notify_backlog bigint, imports_waiting bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT (SELECT count(*) FROM geocode_jobs),
           (SELECT count(*) FROM geocode_jobs WHERE next_attempt_at <= now()),
           (SELECT count(*) FROM geocode_jobs WHERE attempts > 0),
           (SELECT count(*) FROM documents WHERE state = 'stored'),
           (SELECT coalesce(sum(size_bytes), 0)::bigint FROM documents WHERE state = 'stored'),
           -- What housekeeping's document cleanup has to do: bytes to purge and uploads whose lease ran out.
           (SELECT count(*) FROM documents WHERE state = 'purge' OR (state = 'pending' AND expires_at < now())),
           -- Change events the notification worker has not read yet.
           (SELECT count(*) FROM change_events AS e, notify_cursor AS c WHERE (e.xid, e.id) > (c.xid, c.id)),
           -- File imports started and not finished (queued or running).
           (SELECT count(*) FROM imports WHERE status IN ('queued', 'running'));
$$;
REVOKE EXECUTE ON FUNCTION ops_stats() FROM PUBLIC;
