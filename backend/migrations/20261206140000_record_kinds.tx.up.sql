-- The record kinds, said once for the SQL (issue 12). A record kind is a record type with the record mechanisms:
-- notes, history, documents, custom fields, saved filters, the trash. Until now each SQL object that serves
-- them spelled the kinds out (CHECK constraints, one purge statement per table, a list of searchable tables); a
-- new kind meant rewriting them, and forgetting one failed silently. Now they read record_kinds:
--   - the columns that name a record type reference it (a foreign key instead of CHECK (record_type IN (...)));
--     pipelines and lost reasons take only kinds whose records move through pipelines (a trigger reads the flag);
--   - maintenance_purge empties the trash of every kind in it;
--   - search_candidates searches the tables in it.
-- The Go registry (backend/internal/record, record.Kinds) is the other half: record's
-- TestRecordKindsTableIsTheRegistry fails when the two differ. A new kind is a row here (in its own migration),
-- with its table; docs/record-kinds.md lists the rest.
--
-- record_kinds has no tenant_id and no row-level security: it is reference data of every tenant, read-only to the
-- service (migrate revokes its writes; db's tablesWithoutRLS lists it).

CREATE TABLE record_kinds (
    kind       text PRIMARY KEY,
    table_name text NOT NULL UNIQUE,
    -- pipelines: records of the kind move through pipelines and can be lost with a reason.
    pipelines  boolean NOT NULL DEFAULT false
);
INSERT INTO record_kinds (kind, table_name, pipelines) VALUES
    ('person', 'persons', false),
    ('organization', 'organizations', false),
    ('deal', 'deals', true),
    ('lead', 'leads', true);

-- A record type is a kind: custom fields and documents had a CHECK with the list; notes, history and saved filters
-- had none.
ALTER TABLE custom_fields DROP CONSTRAINT custom_fields_record_type_check,
    ADD CONSTRAINT custom_fields_record_type_fkey FOREIGN KEY (record_type) REFERENCES record_kinds (kind);
ALTER TABLE documents DROP CONSTRAINT documents_record_type_check,
    ADD CONSTRAINT documents_record_type_fkey FOREIGN KEY (record_type) REFERENCES record_kinds (kind);
ALTER TABLE notes ADD CONSTRAINT notes_record_type_fkey FOREIGN KEY (record_type) REFERENCES record_kinds (kind);
ALTER TABLE history ADD CONSTRAINT history_record_type_fkey FOREIGN KEY (record_type) REFERENCES record_kinds (kind);
ALTER TABLE saved_filters ADD CONSTRAINT saved_filters_record_type_fkey FOREIGN KEY (record_type) REFERENCES record_kinds (kind);

-- Pipelines and lost reasons belong to a kind with pipelines. A foreign key makes the type a kind; the flag is
-- checked by a trigger (a CHECK must not read another table: a restore loads the tables in an order of its own,
-- while triggers and foreign keys come after the data).
ALTER TABLE pipelines DROP CONSTRAINT pipelines_record_type_check,
    ADD CONSTRAINT pipelines_record_type_fkey FOREIGN KEY (record_type) REFERENCES record_kinds (kind);
ALTER TABLE lost_reasons DROP CONSTRAINT lost_reasons_record_type_check,
    ADD CONSTRAINT lost_reasons_record_type_fkey FOREIGN KEY (record_type) REFERENCES record_kinds (kind);

CREATE FUNCTION record_kind_has_pipelines()
RETURNS trigger
LANGUAGE plpgsql STABLE SET search_path = public AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM record_kinds AS k WHERE k.kind = NEW.record_type AND k.pipelines) THEN
        RAISE EXCEPTION '%: records of type % do not move through pipelines', TG_TABLE_NAME, NEW.record_type
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER pipelines_record_kind BEFORE INSERT OR UPDATE OF record_type ON pipelines
    FOR EACH ROW EXECUTE FUNCTION record_kind_has_pipelines();
CREATE TRIGGER lost_reasons_record_kind BEFORE INSERT OR UPDATE OF record_type ON lost_reasons
    FOR EACH ROW EXECUTE FUNCTION record_kind_has_pipelines();

-- Search through the trigram index in the caller's tenant, in the table of a record kind (20261206100000 has the
-- checks; only the list of tables now comes from record_kinds).
CREATE OR REPLACE FUNCTION search_candidates(p_table text, p_pattern text, p_cap integer)
RETURNS uuid[]
LANGUAGE plpgsql VOLATILE SECURITY DEFINER -- VOLATILE: it runs EXPLAIN
SET search_path = public SET enable_seqscan = off SET enable_indexscan = off AS $$
DECLARE
    tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
    cond   text;
    plan   json;
    ids    uuid[];
BEGIN
    IF tenant IS NULL THEN
        RAISE EXCEPTION 'search_candidates: no tenant (app.tenant_id) is set' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_table IS NULL OR NOT EXISTS (SELECT 1 FROM record_kinds AS k WHERE k.table_name = p_table) THEN
        RAISE EXCEPTION 'search_candidates: table % is not searchable', p_table USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_pattern IS NULL OR length(p_pattern) NOT BETWEEN 1 AND 500 THEN
        RAISE EXCEPTION 'search_candidates: the pattern must have 1 to 500 characters' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_cap IS NULL OR p_cap NOT BETWEEN 1 AND 5000 THEN
        RAISE EXCEPTION 'search_candidates: cap % is not between 1 and 5000', p_cap USING ERRCODE = 'invalid_parameter_value';
    END IF;
    cond := format('tenant_id = %L AND deleted_at IS NULL AND search_text LIKE %L', tenant, p_pattern);
    EXECUTE format('EXPLAIN (FORMAT JSON) SELECT id FROM %I WHERE %s', p_table, cond) INTO plan;
    IF (plan -> 0 -> 'Plan' ->> 'Plan Rows')::float8 > 2 * p_cap THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT array_agg(id) FROM (SELECT id FROM %I WHERE %s LIMIT %s) AS m', p_table, cond, p_cap + 1)
        INTO ids;
    IF cardinality(ids) > p_cap THEN
        RETURN NULL;
    END IF;
    RETURN coalesce(ids, '{}');
END
$$;
REVOKE EXECUTE ON FUNCTION search_candidates(text, text, integer) FROM PUBLIC;

-- Housekeeping across all tenants (no arguments; its periods are constants). The trash: a record of any kind
-- deleted more than 30 days ago goes for good, with its notes and history, and its documents are marked for the
-- documents' cleanup (which removes their bytes and rows). A record stays while a row of another table references
-- it through a foreign key that neither cascades nor sets null (a deal holds its person and organisation): those
-- references are read from the catalogue, so a new kind's are too. Kinds nothing holds go first, and the passes
-- repeat while one purged anything, so that a record whose holder went in this run goes too.
-- (The documents were marked by a trigger per record table before; the purge does it now for every kind.)
DROP TRIGGER persons_documents_purge ON persons;
DROP TRIGGER organizations_documents_purge ON organizations;
DROP TRIGGER deals_documents_purge ON deals;
DROP TRIGGER leads_documents_purge ON leads;
DROP FUNCTION documents_record_purged();

CREATE OR REPLACE FUNCTION maintenance_purge()
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
    k      record;
    n      bigint;
    purged bigint;
BEGIN
    DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours';
    DELETE FROM login_failures WHERE failed_at < now() - interval '1 day';
    DELETE FROM sessions WHERE expires_at < now() - interval '7 days'
        OR revoked_at < now() - interval '7 days';
    LOOP
        purged := 0;
        FOR k IN
            SELECT rk.kind, rk.table_name, coalesce(holders.unheld, 'true') AS unheld
            FROM record_kinds AS rk
            LEFT JOIN LATERAL (
                SELECT string_agg(format('NOT EXISTS (SELECT 1 FROM %s AS h WHERE %s)', c.conrelid::regclass,
                        (SELECT string_agg(format('h.%I = r.%I', fa.attname, ta.attname), ' AND ')
                         FROM unnest(c.conkey, c.confkey) AS col (f, t)
                         JOIN pg_attribute AS fa ON fa.attrelid = c.conrelid AND fa.attnum = col.f
                         JOIN pg_attribute AS ta ON ta.attrelid = c.confrelid AND ta.attnum = col.t)),
                    ' AND ') AS unheld
                FROM pg_constraint AS c
                WHERE c.contype = 'f' AND c.confrelid = rk.table_name::regclass AND c.confdeltype IN ('a', 'r')
            ) AS holders ON true
            ORDER BY holders.unheld IS NOT NULL, rk.kind
        LOOP
            EXECUTE format($purge$
                WITH gone AS (DELETE FROM %I AS r WHERE r.deleted_at < now() - interval '30 days' AND %s RETURNING r.id),
                    gone_notes AS (DELETE FROM notes WHERE record_type = $1 AND record_id IN (SELECT id FROM gone)),
                    gone_history AS (DELETE FROM history WHERE record_type = $1 AND record_id IN (SELECT id FROM gone)),
                    gone_documents AS (UPDATE documents SET state = 'purge', expires_at = NULL
                        WHERE record_type = $1 AND record_id IN (SELECT id FROM gone) AND state <> 'purge')
                SELECT count(*) FROM gone$purge$, k.table_name, k.unheld) INTO n USING k.kind;
            purged := purged + n;
        END LOOP;
        EXIT WHEN purged = 0;
    END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION maintenance_purge() FROM PUBLIC;
