-- More of the dashboard from day_totals, and fewer rows to sum (issue 19):
--   deal_open             live open deals by their expected close date (value: the deals' value); one without a
--                         date counts in no day, as the list's date filter finds it in no range. "Closing in the next
--                         30 days" was the last figure counted over the records on every request (44,631 open deals
--                         of a manager's scope on the bench tenant: 8 to 11 ms; 1.7 from these totals).
--   activity_open_month   open activities by the month they are due (day: its first day, Europe/Berlin). "Overdue"
--                         summed every past day of activity_open (17,000 rows of a manager's scope on the bench
--                         tenant: 9 ms); now the months before this one and this month's days before today.
--   deal_won, deal_lost, lead_converted, lead_lost
--                         now by the month they closed (day: its first day, Europe/Berlin) instead of by day: the
--                         dashboard asks for this month and this quarter only, and a quarter's days of 50 owners
--                         were 2,764 rows to sum (1.5 to 1.8 ms).
-- The rules are branches of day_totals_rows, so the triggers of 20261212140000 keep them as they keep the others
-- (an update that changes none of a record's contributions still locks nothing).
ALTER TABLE day_totals DROP CONSTRAINT day_totals_figure_check;
ALTER TABLE day_totals ADD CONSTRAINT day_totals_figure_check
    CHECK (figure IN ('deal_won', 'deal_lost', 'deal_open', 'lead_converted', 'lead_lost', 'activity_open', 'activity_open_month',
        'activity_done'));

CREATE OR REPLACE FUNCTION day_totals_rows(p_table text, p_rel text)
RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = public AS $$
    SELECT format(CASE p_table
        WHEN 'deals' THEN 'SELECT r.tenant_id, ''deal_'' || r.status AS figure, r.owner_id,
            date_trunc(''month'', r.closed_at AT TIME ZONE ''Europe/Berlin'')::date AS day, coalesce(r.value, 0) AS value FROM %1$I AS r
            WHERE r.status IN (''won'', ''lost'') AND r.deleted_at IS NULL AND r.closed_at IS NOT NULL
            UNION ALL
            SELECT r.tenant_id, ''deal_open'', r.owner_id, r.expected_close, coalesce(r.value, 0) FROM %1$I AS r
            WHERE r.status = ''open'' AND r.deleted_at IS NULL AND r.expected_close IS NOT NULL'
        WHEN 'leads' THEN 'SELECT r.tenant_id, ''lead_'' || r.status AS figure, r.owner_id,
            date_trunc(''month'', r.closed_at AT TIME ZONE ''Europe/Berlin'')::date AS day, 0 AS value FROM %1$I AS r
            WHERE r.status IN (''converted'', ''lost'') AND r.deleted_at IS NULL AND r.closed_at IS NOT NULL'
        WHEN 'activities' THEN 'SELECT r.tenant_id, CASE WHEN r.done THEN ''activity_done'' ELSE ''activity_open'' END AS figure,
            r.assignee_id AS owner_id, (CASE WHEN r.done THEN r.done_at ELSE r.due_at END AT TIME ZONE ''Europe/Berlin'')::date AS day,
            0 AS value FROM %1$I AS r
            UNION ALL
            SELECT r.tenant_id, ''activity_open_month'', r.assignee_id,
                date_trunc(''month'', r.due_at AT TIME ZONE ''Europe/Berlin'')::date, 0 FROM %1$I AS r WHERE NOT r.done'
        END, p_rel)
$$;

-- The closed deals and leads by month, the open deals and activities, as there are now.
DELETE FROM day_totals WHERE figure IN ('deal_won', 'deal_lost', 'lead_converted', 'lead_lost');
INSERT INTO day_totals (tenant_id, figure, owner_id, day, items, value)
SELECT tenant_id, 'deal_' || status, owner_id, date_trunc('month', closed_at AT TIME ZONE 'Europe/Berlin')::date,
    count(*), sum(coalesce(value, 0))
FROM deals WHERE status IN ('won', 'lost') AND deleted_at IS NULL AND closed_at IS NOT NULL
GROUP BY 1, 2, 3, 4;
INSERT INTO day_totals (tenant_id, figure, owner_id, day, items, value)
SELECT tenant_id, 'lead_' || status, owner_id, date_trunc('month', closed_at AT TIME ZONE 'Europe/Berlin')::date, count(*), 0
FROM leads WHERE status IN ('converted', 'lost') AND deleted_at IS NULL AND closed_at IS NOT NULL
GROUP BY 1, 2, 3, 4;
INSERT INTO day_totals (tenant_id, figure, owner_id, day, items, value)
SELECT tenant_id, 'deal_open', owner_id, expected_close, count(*), sum(coalesce(value, 0)) FROM deals
WHERE status = 'open' AND deleted_at IS NULL AND expected_close IS NOT NULL
GROUP BY 1, 2, 3, 4;
INSERT INTO day_totals (tenant_id, figure, owner_id, day, items, value)
SELECT tenant_id, 'activity_open_month', assignee_id, date_trunc('month', due_at AT TIME ZONE 'Europe/Berlin')::date, count(*), 0
FROM activities WHERE NOT done
GROUP BY 1, 2, 3, 4;
