DROP FUNCTION IF EXISTS maintenance_purge();
DROP FUNCTION IF EXISTS auth_refresh_token_tenant(bytea);
DROP FUNCTION IF EXISTS auth_find_user(text);
DROP TABLE IF EXISTS idempotency_keys, login_failures, refresh_tokens, sessions, users, roles, units, tenants, plans;
