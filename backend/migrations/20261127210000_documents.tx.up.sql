-- Documents on records, with the per-user storage quota.
--
-- Metadata lives here, the bytes in the blob store (internal/blob) under storage_key, a random key that never
-- derives from the file name. An upload goes through three states so that nothing is ever half-stored:
--   pending  the row is committed with the declared size and a lease (expires_at) BEFORE a byte is written; its
--            size counts as reserved quota, so concurrent uploads can never together exceed the limit;
--   stored   the bytes are durable and checked (size, SHA-256): the document exists;
--   purge    the document is to go (its record was purged, or it stayed in the trash for 30 days).
-- The housekeeping of every instance (document.Service.Cleanup) deletes the bytes of expired pending rows (an
-- upload whose client or server died) and of purge rows, then the rows; rows are claimed with SKIP LOCKED so
-- several instances never work on the same row. Bytes without any row (a server killed mid-write) are swept under
-- an advisory lock.

-- A tenant may have a contractual storage limit other than its plan's (NULL: the plan's).
ALTER TABLE tenants ADD COLUMN storage_bytes_per_user bigint CHECK (storage_bytes_per_user > 0);

CREATE TABLE documents (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    record_type  text NOT NULL CHECK (record_type IN ('person', 'organization', 'deal', 'lead')),
    record_id    uuid NOT NULL,
    file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    content_type text NOT NULL CHECK (length(content_type) BETWEEN 1 AND 255),
    size_bytes   bigint NOT NULL CHECK (size_bytes >= 0),
    sha256       bytea CHECK (length(sha256) = 32),
    storage_key  text NOT NULL CHECK (length(storage_key) BETWEEN 1 AND 512),
    state        text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'stored', 'purge')),
    -- The lease of a pending upload; the uploading instance extends it while bytes arrive.
    expires_at   timestamptz,
    uploaded_by  uuid NOT NULL,
    version      bigint NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz,
    deleted_by   uuid,
    CONSTRAINT documents_storage_key_key UNIQUE (storage_key),
    CONSTRAINT documents_uploader_fkey FOREIGN KEY (tenant_id, uploaded_by) REFERENCES users (tenant_id, id),
    CONSTRAINT documents_lease_check CHECK ((state = 'pending') = (expires_at IS NOT NULL)),
    CONSTRAINT documents_checksum_check CHECK (state <> 'stored' OR sha256 IS NOT NULL)
);
CREATE INDEX documents_record_idx ON documents (record_id, created_at DESC);
CREATE INDEX documents_pending_idx ON documents (expires_at) WHERE state = 'pending';
CREATE INDEX documents_purge_idx ON documents (id) WHERE state = 'purge';
CREATE INDEX documents_trash_idx ON documents (deleted_at) WHERE deleted_at IS NOT NULL AND state = 'stored';

-- Per user: bytes of stored documents (trashed ones included until purged) and bytes reserved by uploads in
-- flight. Maintained only by the trigger below, from the documents rows themselves, so it cannot drift from them
-- whoever changes a row (the service, the cleanup, a purge).
CREATE TABLE storage_usage (
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id        uuid NOT NULL,
    used_bytes     bigint NOT NULL DEFAULT 0 CHECK (used_bytes >= 0),
    reserved_bytes bigint NOT NULL DEFAULT 0 CHECK (reserved_bytes >= 0),
    PRIMARY KEY (tenant_id, user_id),
    CONSTRAINT storage_usage_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);

CREATE FUNCTION documents_usage()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE storage_usage SET
            used_bytes = used_bytes - CASE WHEN OLD.state = 'stored' THEN OLD.size_bytes ELSE 0 END,
            reserved_bytes = reserved_bytes - CASE WHEN OLD.state = 'pending' THEN OLD.size_bytes ELSE 0 END
        WHERE tenant_id = OLD.tenant_id AND user_id = OLD.uploaded_by;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO storage_usage AS s (tenant_id, user_id, used_bytes, reserved_bytes)
        VALUES (NEW.tenant_id, NEW.uploaded_by,
            CASE WHEN NEW.state = 'stored' THEN NEW.size_bytes ELSE 0 END,
            CASE WHEN NEW.state = 'pending' THEN NEW.size_bytes ELSE 0 END)
        ON CONFLICT (tenant_id, user_id) DO UPDATE SET
            used_bytes = s.used_bytes + EXCLUDED.used_bytes,
            reserved_bytes = s.reserved_bytes + EXCLUDED.reserved_bytes;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER documents_usage AFTER INSERT OR DELETE OR UPDATE OF state, size_bytes ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_usage();

-- When the trash purge deletes a record for good, its documents (and uploads still running on it) go too.
CREATE FUNCTION documents_record_purged()
RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE documents AS d SET state = 'purge', expires_at = NULL
    FROM gone AS g
    WHERE d.record_type = TG_ARGV[0] AND d.record_id = g.id AND d.state <> 'purge';
    RETURN NULL;
END
$$;
CREATE TRIGGER persons_documents_purge AFTER DELETE ON persons REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION documents_record_purged('person');
CREATE TRIGGER organizations_documents_purge AFTER DELETE ON organizations REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION documents_record_purged('organization');
CREATE TRIGGER deals_documents_purge AFTER DELETE ON deals REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION documents_record_purged('deal');
CREATE TRIGGER leads_documents_purge AFTER DELETE ON leads REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION documents_record_purged('lead');

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['documents', 'storage_usage'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid))
            WITH CHECK (tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid))$p$, t);
    END LOOP;
END $$;

-- The cleanup works across tenants. These functions run as the owner and do exactly what it needs: claim (lock,
-- SKIP LOCKED) rows that are due, delete claimed rows that are still due, and tell which storage keys have a row.
CREATE FUNCTION document_cleanup_claim(p_limit integer, p_trash_days integer)
RETURNS TABLE (id uuid, storage_key text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    SELECT d.id, d.storage_key FROM documents AS d
    WHERE (d.state = 'pending' AND d.expires_at < now())
        OR d.state = 'purge'
        OR (d.state = 'stored' AND d.deleted_at < now() - make_interval(days => p_trash_days))
    LIMIT p_limit
    FOR UPDATE SKIP LOCKED
$$;

CREATE FUNCTION document_cleanup_delete(p_ids uuid[], p_trash_days integer)
RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
    WITH gone AS (
        DELETE FROM documents AS d
        WHERE d.id = ANY (p_ids)
            AND ((d.state = 'pending' AND d.expires_at < now())
                OR d.state = 'purge'
                OR (d.state = 'stored' AND d.deleted_at < now() - make_interval(days => p_trash_days)))
        RETURNING 1)
    SELECT count(*)::integer FROM gone
$$;

CREATE FUNCTION document_keys_known(p_keys text[])
RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT coalesce(array_agg(d.storage_key), '{}') FROM documents AS d WHERE d.storage_key = ANY (p_keys)
$$;

REVOKE EXECUTE ON FUNCTION document_cleanup_claim(integer, integer), document_cleanup_delete(uuid[], integer),
    document_keys_known(text[]) FROM PUBLIC;
