-- The document store belongs to one installation (issue 11, part 7).
--
-- 1. The installation's ID. A folder or an S3 prefix holding documents carries a marker object naming it
--    (blob.Store.Claim): serve refuses to start, and the orphan sweep to run, on a folder or prefix another
--    installation's marker names, since each would take the other's documents for orphans and delete them. One
--    row, made here; the service only reads it (migrate grants SELECT alone). No tenant column and no row-level
--    security: it describes the installation, which spans the tenants, and holds nothing of any tenant.
CREATE TABLE installation (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    one        boolean NOT NULL DEFAULT true UNIQUE CHECK (one),
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO installation DEFAULT VALUES;

-- 2. documents.storage_key is from now on the object's whole key in the store, the S3 prefix included (the
--    store no longer adds its prefix): a document stays readable when ONESALES_S3_PREFIX is changed later, and
--    new documents go below the new prefix. Keys of the file system store are unchanged. An installation that
--    used ONESALES_BLOB=s3 with a prefix P before this version runs once, as the owner:
--        UPDATE documents SET storage_key = 'P/' || storage_key WHERE storage_key NOT LIKE 'P/%';
--    (with no prefix before, the keys name objects at the bucket's root and stay valid; a prefix is now required
--    for new ones).
COMMENT ON COLUMN documents.storage_key IS 'the object''s whole key in the blob store, prefix included';
