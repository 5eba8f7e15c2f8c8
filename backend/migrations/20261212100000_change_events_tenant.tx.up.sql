-- A company deleted (DELETE FROM tenants; TRUNCATE tenants CASCADE) takes its change events with it, as it takes its
-- notifications and presence entries (their foreign keys cascade). Its events stayed until the retention pruned
-- them: the notification worker and the streams' fan-out read events of a company that no longer exists.
--
-- Not a foreign key: the deletion's own cascade deletes the company's rows, whose capture triggers add events of
-- the company in the same statement, which a foreign key refuses. Those capture triggers fire at the end of the
-- deleting statement, after its own triggers; the trigger below is therefore deferred to the commit, when every
-- event the deletion added is there, and removes them all: an event of a deleted company is never committed. It runs
-- as the one deleting, who may (only the owner deletes companies; the app role may not).

CREATE FUNCTION change_events_forget_tenant()
RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM change_events WHERE tenant_id = OLD.id;
    ELSE -- TRUNCATE (no capture trigger fires): every event whose company is gone
        DELETE FROM change_events AS e WHERE NOT EXISTS (SELECT 1 FROM tenants AS t WHERE t.id = e.tenant_id);
    END IF;
    RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION change_events_forget_tenant() FROM PUBLIC;

CREATE CONSTRAINT TRIGGER change_events_forget_deleted AFTER DELETE ON tenants
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION change_events_forget_tenant();
CREATE TRIGGER change_events_forget_truncated AFTER TRUNCATE ON tenants
    FOR EACH STATEMENT EXECUTE FUNCTION change_events_forget_tenant();

-- Events of companies deleted before (the benchmarks delete theirs).
DELETE FROM change_events AS e WHERE NOT EXISTS (SELECT 1 FROM tenants AS t WHERE t.id = e.tenant_id);
