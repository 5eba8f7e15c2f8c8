-- The deal board on large tenants (found with `make bench`: 500,000 deals, a pipeline with 140,000 open deals).
--
-- A board column shows the number, total and weighted value of the open deals in its stage that the user may see.
-- Counted from the deals, that is a scan of every open deal of the pipeline on every board request (190 ms for
-- 140,000 deals, seconds under concurrent load). deal_stage_totals keeps these figures per stage and owner, so
-- the board adds up at most (stages x owners) rows instead; the user's scope still applies, by owner: the board
-- narrows the totals with the same scoping helper (access.Actor.Restrict) as every list, on owner_id. Unit
-- scopes follow the owner's current unit, as for the deals themselves. A board filtered by anything else than
-- owner (search, dates, custom fields, ...) counts the deals, as before.
--
-- The totals are kept by statement-level triggers on deals in the same transaction as the change, so they are
-- never behind: an insert adds its open, live deals; an update (a move, won/lost, reopened, trashed, restored,
-- a new value or owner) subtracts the old rows and adds the new; a delete subtracts. Rows are locked in key
-- order (one ordered INSERT ... ON CONFLICT per statement), so concurrent moves wait rather than deadlock; an
-- update that changes no figure (a title, a note) changes no totals and locks nothing. Row-level security
-- applies as on every tenant table (the triggers run as the user who changes the deals).
CREATE TABLE deal_stage_totals (
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    pipeline_id uuid NOT NULL,
    stage_id    uuid NOT NULL,
    owner_id    uuid NOT NULL,
    deals       bigint NOT NULL,
    value       numeric NOT NULL,
    PRIMARY KEY (tenant_id, pipeline_id, stage_id, owner_id),
    CONSTRAINT deal_stage_totals_stage_fkey FOREIGN KEY (pipeline_id, stage_id) REFERENCES stages (pipeline_id, id) ON DELETE CASCADE
);

ALTER TABLE deal_stage_totals ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON deal_stage_totals
    USING (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid));

CREATE FUNCTION deal_stage_totals_apply()
RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO deal_stage_totals AS t (tenant_id, pipeline_id, stage_id, owner_id, deals, value)
        SELECT n.tenant_id, n.pipeline_id, n.stage_id, n.owner_id, count(*), sum(n.value)
        FROM new_rows AS n
        WHERE n.status = 'open' AND n.deleted_at IS NULL
        GROUP BY 1, 2, 3, 4
        ORDER BY 1, 2, 3, 4
        ON CONFLICT (tenant_id, pipeline_id, stage_id, owner_id)
        DO UPDATE SET deals = t.deals + excluded.deals, value = t.value + excluded.value;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO deal_stage_totals AS t (tenant_id, pipeline_id, stage_id, owner_id, deals, value)
        SELECT c.tenant_id, c.pipeline_id, c.stage_id, c.owner_id, sum(c.n), sum(c.v)
        FROM (
            SELECT n.tenant_id, n.pipeline_id, n.stage_id, n.owner_id, 1 AS n, n.value AS v
            FROM new_rows AS n WHERE n.status = 'open' AND n.deleted_at IS NULL
            UNION ALL
            SELECT o.tenant_id, o.pipeline_id, o.stage_id, o.owner_id, -1, -o.value
            FROM old_rows AS o WHERE o.status = 'open' AND o.deleted_at IS NULL
        ) AS c
        GROUP BY 1, 2, 3, 4
        HAVING sum(c.n) <> 0 OR sum(c.v) <> 0
        ORDER BY 1, 2, 3, 4
        ON CONFLICT (tenant_id, pipeline_id, stage_id, owner_id)
        DO UPDATE SET deals = t.deals + excluded.deals, value = t.value + excluded.value;
    ELSE
        -- Only subtracts from rows that exist (no insert): deleting a tenant cascades to its deals and to these
        -- rows in either order.
        UPDATE deal_stage_totals AS t SET deals = t.deals - o.n, value = t.value - o.v
        FROM (
            SELECT o.tenant_id, o.pipeline_id, o.stage_id, o.owner_id, count(*) AS n, sum(o.value) AS v
            FROM old_rows AS o WHERE o.status = 'open' AND o.deleted_at IS NULL
            GROUP BY 1, 2, 3, 4
        ) AS o
        WHERE t.tenant_id = o.tenant_id AND t.pipeline_id = o.pipeline_id AND t.stage_id = o.stage_id AND t.owner_id = o.owner_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION deal_stage_totals_truncate()
RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    DELETE FROM deal_stage_totals;
    RETURN NULL;
END
$$;

CREATE TRIGGER deal_stage_totals_insert AFTER INSERT ON deals
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deal_stage_totals_apply();
CREATE TRIGGER deal_stage_totals_update AFTER UPDATE ON deals
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deal_stage_totals_apply();
CREATE TRIGGER deal_stage_totals_delete AFTER DELETE ON deals
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION deal_stage_totals_apply();
CREATE TRIGGER deal_stage_totals_truncate AFTER TRUNCATE ON deals
    FOR EACH STATEMENT EXECUTE FUNCTION deal_stage_totals_truncate();

-- The deals there are now.
INSERT INTO deal_stage_totals (tenant_id, pipeline_id, stage_id, owner_id, deals, value)
SELECT tenant_id, pipeline_id, stage_id, owner_id, count(*), sum(value)
FROM deals WHERE status = 'open' AND deleted_at IS NULL
GROUP BY 1, 2, 3, 4;
