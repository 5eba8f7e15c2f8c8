-- A rep's own records, newest first (issue 19), the list a field rep opens most: the created-at index of the
-- tenant holds every owner's rows, so a rep's first page of 50 read about 2,700 rows of the 1,000,000-person bench
-- tenant (50 reps) and filtered out the others'. One index per kind on (tenant, owner, created, id) answers that
-- page with a range scan of its 51 rows, in either direction; for deals and leads it replaces the (tenant, owner)
-- index it starts with, which therefore served nothing the new one does not.
CREATE INDEX persons_owner_created_idx ON persons (tenant_id, owner_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX organizations_owner_created_idx ON organizations (tenant_id, owner_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_owner_created_idx ON deals (tenant_id, owner_id, created_at, id) WHERE deleted_at IS NULL;
DROP INDEX deals_owner_idx;
CREATE INDEX leads_owner_created_idx ON leads (tenant_id, owner_id, created_at, id) WHERE deleted_at IS NULL;
DROP INDEX leads_owner_idx;
