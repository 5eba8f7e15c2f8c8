-- Search by word prefix (issue 19): the global search answers "Müll" (Müller, mueller), an e-mail prefix and a
-- phone prefix from a B-tree range scan instead of the trigram index, which row-level security keeps from the
-- service and which cannot give the first names in order without reading every match.
--
-- search_tokens holds the words of the stored search text of every live person and organisation (the two kinds
-- the global search lists), one row per word, with what a page needs without visiting the record: its owner
-- (the actor's scope, access.Actor.Restrict on owner_id) and its sort name (the list order). A query word is a
-- range token >= 'muell' AND token < 'muelm' (COLLATE "C": byte order, so a range holds exactly the tokens that
-- start with the word; text comparison is leakproof, so the index serves under row-level security).
--
-- The tokens are a function of search_text, which the service computes in Go (search.Text) and every writer
-- stores with the record: triggers derive them in the same statement, as the trigram index is derived, so every
-- writer (the service, imports, intake, backfills, a generated data set) keeps them current without knowing of
-- them. A deleted record (deleted_at set) has no tokens; a restore gives them back.
CREATE TABLE search_tokens (
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind      text NOT NULL,
    record_id uuid NOT NULL,
    token     text COLLATE "C" NOT NULL,
    owner_id  uuid NOT NULL,
    sort_name text NOT NULL,
    PRIMARY KEY (tenant_id, kind, record_id, token)
);
CREATE INDEX search_tokens_prefix_idx ON search_tokens (tenant_id, kind, token) INCLUDE (record_id, owner_id, sort_name);

ALTER TABLE search_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON search_tokens
    USING (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid));

-- The tokens of a search text (already normalised by search.Text: lower case, umlauts spelled out, single
-- spaces): each word; the parts of a hyphenated word ("mueller-luedenscheid" is found as "luedenscheid"); and of
-- a phone number's digits (search.Digits, a word of 6 or more digits) the national forms, so that "0891" and
-- "891" find "+49 89 1..." as "4989 1" does: without an international "00", then without the country code of
-- Germany, Austria or Switzerland (the markets of the product) and a trunk "(0)" after it, once with and once
-- without the trunk 0. An e-mail address is one word: a prefix of its local part is a prefix of the address.
CREATE FUNCTION search_text_tokens(p_text text)
RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = public AS $$
    SELECT DISTINCT t FROM (
        SELECT w.w AS t FROM string_to_table(p_text, ' ') AS w (w)
        UNION ALL
        SELECT part FROM string_to_table(p_text, ' ') AS w (w), string_to_table(w.w, '-') AS part
        WHERE w.w LIKE '%_-_%' AND part ~ '[[:alpha:]]'
        UNION ALL
        SELECT v FROM (SELECT regexp_replace(regexp_replace(regexp_replace(w.w, '^00', ''), '^(49|43|41)', ''), '^0', '') AS national
            FROM string_to_table(p_text, ' ') AS w (w) WHERE w.w ~ '^[0-9]{6,}$') AS n,
            LATERAL (VALUES (n.national), ('0' || n.national)) AS x (v)
    ) AS tokens (t)
    WHERE length(t) > 0
$$;

-- search_tokens_rows is the SELECT of the token rows of the live records of relation p_rel (the table or a
-- transition table) of kind p_kind, whose sort name is column p_sort: the triggers and the initial fill run it.
CREATE FUNCTION search_tokens_rows(p_kind text, p_rel text, p_sort text)
RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = public AS $$
    SELECT format('SELECT r.tenant_id, %L, r.id, t.t, r.owner_id, r.%I FROM %I AS r, search_text_tokens(r.search_text) AS t (t)
        WHERE r.deleted_at IS NULL', p_kind, p_sort, p_rel)
$$;

-- The triggers: TG_ARGV[0] is the kind, TG_ARGV[1] the sort name column. Inserts and deletes are statement-level
-- (an import or a purge writes its tokens in one statement); an update is row-level with a WHEN on the columns
-- the tokens come from, so an update of anything else (a job title) costs nothing here.
CREATE FUNCTION search_tokens_sync()
RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
    IF TG_LEVEL = 'ROW' THEN -- UPDATE
        DELETE FROM search_tokens WHERE tenant_id = OLD.tenant_id AND kind = TG_ARGV[0] AND record_id = OLD.id;
        IF NEW.deleted_at IS NULL THEN
            INSERT INTO search_tokens (tenant_id, kind, record_id, token, owner_id, sort_name)
            SELECT NEW.tenant_id, TG_ARGV[0], NEW.id, t.t, NEW.owner_id, to_jsonb(NEW) ->> TG_ARGV[1]
            FROM search_text_tokens(NEW.search_text) AS t (t);
        END IF;
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        EXECUTE 'INSERT INTO search_tokens (tenant_id, kind, record_id, token, owner_id, sort_name) '
            || search_tokens_rows(TG_ARGV[0], 'new_rows', TG_ARGV[1]);
    ELSE
        EXECUTE format('DELETE FROM search_tokens AS s USING old_rows AS o
            WHERE s.tenant_id = o.tenant_id AND s.kind = %L AND s.record_id = o.id', TG_ARGV[0]);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER persons_search_tokens_insert AFTER INSERT ON persons REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_tokens_sync('person', 'sort_name');
CREATE TRIGGER persons_search_tokens_update AFTER UPDATE ON persons FOR EACH ROW
    WHEN ((OLD.search_text, OLD.owner_id, OLD.sort_name, OLD.deleted_at) IS DISTINCT FROM (NEW.search_text, NEW.owner_id, NEW.sort_name, NEW.deleted_at))
    EXECUTE FUNCTION search_tokens_sync('person', 'sort_name');
CREATE TRIGGER persons_search_tokens_delete AFTER DELETE ON persons REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_tokens_sync('person', 'sort_name');

CREATE TRIGGER organizations_search_tokens_insert AFTER INSERT ON organizations REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_tokens_sync('organization', 'name');
CREATE TRIGGER organizations_search_tokens_update AFTER UPDATE ON organizations FOR EACH ROW
    WHEN ((OLD.search_text, OLD.owner_id, OLD.name, OLD.deleted_at) IS DISTINCT FROM (NEW.search_text, NEW.owner_id, NEW.name, NEW.deleted_at))
    EXECUTE FUNCTION search_tokens_sync('organization', 'name');
CREATE TRIGGER organizations_search_tokens_delete AFTER DELETE ON organizations REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_tokens_sync('organization', 'name');

-- The records there are (the same rows as search_tokens_rows gives).
INSERT INTO search_tokens (tenant_id, kind, record_id, token, owner_id, sort_name)
SELECT r.tenant_id, 'person', r.id, t.t, r.owner_id, r.sort_name FROM persons AS r, search_text_tokens(r.search_text) AS t (t)
WHERE r.deleted_at IS NULL;
INSERT INTO search_tokens (tenant_id, kind, record_id, token, owner_id, sort_name)
SELECT r.tenant_id, 'organization', r.id, t.t, r.owner_id, r.name FROM organizations AS r, search_text_tokens(r.search_text) AS t (t)
WHERE r.deleted_at IS NULL;
