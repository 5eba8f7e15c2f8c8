-- The dashboard from rollups (issue 19): its figures of closed deals and leads and of activities are sums of
-- per-day totals per owner instead of counts over the records on every request (on the 1,000,000-person bench
-- tenant a manager's dashboard cost about 40 ms of PostgreSQL CPU in 25 statements).
--
-- day_totals holds per tenant, figure, owner and day (Europe/Berlin, the day every list's date filter means) the
-- number of records and their value:
--   deal_won, deal_lost           live deals by the day they closed (value: the deals' value)
--   lead_converted, lead_lost     live leads by the day they closed
--   activity_open                 open activities by the day they are due (assignee as owner)
--   activity_done                 done activities by the day they were done (assignee as owner)
-- A dashboard reads a figure for a scope by summing the owners in it, narrowed by the same scoping helper as the
-- lists (access.Actor.Restrict on owner_id), so each figure still equals the list it opens.
--
-- Kept as deal_stage_totals is (20261127212000): statement-level triggers in the transaction of the change; an
-- update subtracts the old rows' contributions and adds the new ones; rows are locked in key order by one ordered
-- INSERT ... ON CONFLICT per statement, so concurrent changes wait rather than deadlock; an update that changes no
-- contribution (a title, a comment) locks nothing. A delete only subtracts from rows that exist (a tenant's
-- deletion cascades to its records and to these rows in either order).
CREATE TABLE day_totals (
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    figure    text NOT NULL CHECK (figure IN ('deal_won', 'deal_lost', 'lead_converted', 'lead_lost', 'activity_open', 'activity_done')),
    owner_id  uuid NOT NULL,
    day       date NOT NULL,
    items     bigint NOT NULL,
    value     numeric NOT NULL,
    PRIMARY KEY (tenant_id, figure, day, owner_id)
);

ALTER TABLE day_totals ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON day_totals
    USING (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid));

-- day_totals_rows is the SELECT of the contributions of the rows of relation p_rel (a table or a transition
-- table) of table p_table: (tenant_id, figure, owner_id, day, value), one row per record that counts. The
-- triggers and the initial fill below run it, so the rule of each figure is written once.
CREATE FUNCTION day_totals_rows(p_table text, p_rel text)
RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = public AS $$
    SELECT format(CASE p_table
        WHEN 'deals' THEN 'SELECT r.tenant_id, ''deal_'' || r.status AS figure, r.owner_id,
            (r.closed_at AT TIME ZONE ''Europe/Berlin'')::date AS day, coalesce(r.value, 0) AS value FROM %I AS r
            WHERE r.status IN (''won'', ''lost'') AND r.deleted_at IS NULL AND r.closed_at IS NOT NULL'
        WHEN 'leads' THEN 'SELECT r.tenant_id, ''lead_'' || r.status AS figure, r.owner_id,
            (r.closed_at AT TIME ZONE ''Europe/Berlin'')::date AS day, 0 AS value FROM %I AS r
            WHERE r.status IN (''converted'', ''lost'') AND r.deleted_at IS NULL AND r.closed_at IS NOT NULL'
        WHEN 'activities' THEN 'SELECT r.tenant_id, CASE WHEN r.done THEN ''activity_done'' ELSE ''activity_open'' END AS figure,
            r.assignee_id AS owner_id, (CASE WHEN r.done THEN r.done_at ELSE r.due_at END AT TIME ZONE ''Europe/Berlin'')::date AS day,
            0 AS value FROM %I AS r'
        END, p_rel)
$$;

CREATE FUNCTION day_totals_apply()
RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    -- Each branch reads only the transition tables its operation has (dynamic SQL sees them as well).
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('INSERT INTO day_totals AS t (tenant_id, figure, owner_id, day, items, value)
            SELECT x.tenant_id, x.figure, x.owner_id, x.day, count(*), sum(x.value) FROM (%s) AS x
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 4, 3
            ON CONFLICT (tenant_id, figure, day, owner_id)
            DO UPDATE SET items = t.items + excluded.items, value = t.value + excluded.value',
            day_totals_rows(TG_TABLE_NAME, 'new_rows'));
    ELSIF TG_OP = 'UPDATE' THEN
        EXECUTE format('INSERT INTO day_totals AS t (tenant_id, figure, owner_id, day, items, value)
            SELECT c.tenant_id, c.figure, c.owner_id, c.day, sum(c.n), sum(c.v) FROM (
                SELECT x.tenant_id, x.figure, x.owner_id, x.day, 1 AS n, x.value AS v FROM (%s) AS x
                UNION ALL
                SELECT x.tenant_id, x.figure, x.owner_id, x.day, -1, -x.value FROM (%s) AS x) AS c
            GROUP BY 1, 2, 3, 4 HAVING sum(c.n) <> 0 OR sum(c.v) <> 0 ORDER BY 1, 2, 4, 3
            ON CONFLICT (tenant_id, figure, day, owner_id)
            DO UPDATE SET items = t.items + excluded.items, value = t.value + excluded.value',
            day_totals_rows(TG_TABLE_NAME, 'new_rows'), day_totals_rows(TG_TABLE_NAME, 'old_rows'));
    ELSE
        EXECUTE format('UPDATE day_totals AS t SET items = t.items - o.n, value = t.value - o.v
            FROM (SELECT x.tenant_id, x.figure, x.owner_id, x.day, count(*) AS n, sum(x.value) AS v FROM (%s) AS x
                GROUP BY 1, 2, 3, 4) AS o
            WHERE t.tenant_id = o.tenant_id AND t.figure = o.figure AND t.day = o.day AND t.owner_id = o.owner_id',
            day_totals_rows(TG_TABLE_NAME, 'old_rows'));
    END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION day_totals_truncate()
RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    DELETE FROM day_totals WHERE figure LIKE CASE TG_TABLE_NAME WHEN 'deals' THEN 'deal\_%'
        WHEN 'leads' THEN 'lead\_%' ELSE 'activity\_%' END;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    tbl text;
BEGIN
    FOREACH tbl IN ARRAY ARRAY['deals', 'leads', 'activities'] LOOP
        EXECUTE format('CREATE TRIGGER day_totals_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION day_totals_apply()', tbl);
        EXECUTE format('CREATE TRIGGER day_totals_update AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION day_totals_apply()', tbl);
        EXECUTE format('CREATE TRIGGER day_totals_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION day_totals_apply()', tbl);
        EXECUTE format('CREATE TRIGGER day_totals_truncate AFTER TRUNCATE ON %I
            FOR EACH STATEMENT EXECUTE FUNCTION day_totals_truncate()', tbl);
        -- The records there are now.
        EXECUTE format('INSERT INTO day_totals (tenant_id, figure, owner_id, day, items, value)
            SELECT x.tenant_id, x.figure, x.owner_id, x.day, count(*), sum(x.value) FROM (%s) AS x GROUP BY 1, 2, 3, 4',
            day_totals_rows(tbl, tbl));
    END LOOP;
END
$$;
