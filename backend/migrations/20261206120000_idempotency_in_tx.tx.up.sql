-- Issue 11: an idempotency key is now inserted in the transaction of the change it guards and gets its answer in
-- that same transaction, so a committed key always has its answer. The earlier version committed the key first
-- and the answer later; a claim of an instance that crashed in between is answered 409 until it is purged. Claims
-- older than two minutes (the earlier takeover time) are such leftovers: they go, so their keys are free at once.
-- Younger ones may belong to instances of the earlier version still running during the update.
DELETE FROM idempotency_keys WHERE status IS NULL AND created_at < now() - interval '2 minutes';

COMMENT ON COLUMN idempotency_keys.status IS
    'HTTP status of the stored answer, written in the transaction of the change it answers; NULL only inside that transaction (or in a claim of an instance older than issue 11)';
