-- What every instance may keep of a tenant between requests (issue 19): the actors of its sessions (the user's
-- role, grants, unit and the units below it) and its custom field definitions. A signed-in request read them on
-- every request, in a transaction of its own before the one doing the work.
--
-- tenants.config_version counts the changes to what those copies are made of; the triggers below raise it in the
-- transaction of the change. A request's first statement reads it (auth_session_version) together with the
-- validity of its session, and an instance uses a copy only when it was made at that version: a role, unit or field
-- change takes effect on the next request on every instance, a revoked session or a deactivated user is refused on
-- the next request, as before.
ALTER TABLE tenants ADD COLUMN config_version bigint NOT NULL DEFAULT 1;

CREATE FUNCTION config_version_raise()
RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
    -- The service's role may not update tenants; the tenant is the changed row's, never an argument.
    UPDATE tenants SET config_version = config_version + 1
    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
    RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION config_version_raise() FROM PUBLIC;

-- A user's actor: active, role and unit (a new or deleted user has no cached actor: its sessions are new or gone).
CREATE TRIGGER users_config_version AFTER UPDATE OF active, role_id, unit_id ON users
    FOR EACH ROW WHEN (OLD.active IS DISTINCT FROM NEW.active OR OLD.role_id IS DISTINCT FROM NEW.role_id
        OR OLD.unit_id IS DISTINCT FROM NEW.unit_id)
    EXECUTE FUNCTION config_version_raise();
-- A role's grants and whether it administers.
CREATE TRIGGER roles_config_version AFTER UPDATE OF is_admin, grants ON roles
    FOR EACH ROW WHEN (OLD.is_admin IS DISTINCT FROM NEW.is_admin OR OLD.grants IS DISTINCT FROM NEW.grants)
    EXECUTE FUNCTION config_version_raise();
CREATE TRIGGER roles_config_version_delete AFTER DELETE ON roles
    FOR EACH ROW EXECUTE FUNCTION config_version_raise();
-- The units below a user's unit: a unit added, moved or removed.
CREATE TRIGGER units_config_version AFTER INSERT OR DELETE ON units
    FOR EACH ROW EXECUTE FUNCTION config_version_raise();
CREATE TRIGGER units_config_version_move AFTER UPDATE OF parent_id ON units
    FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id)
    EXECUTE FUNCTION config_version_raise();
-- Custom field definitions: any change.
CREATE TRIGGER custom_fields_config_version AFTER INSERT OR UPDATE OR DELETE ON custom_fields
    FOR EACH ROW EXECUTE FUNCTION config_version_raise();

-- A request's check before the tenant is set: its tenant's configuration version when the session is the user's,
-- neither revoked nor expired, and the user is active; NULL otherwise. It reveals nothing else: the IDs come from a
-- signed access token.
CREATE FUNCTION auth_session_version(p_tenant uuid, p_user uuid, p_session uuid)
RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT t.config_version
    FROM tenants AS t
    JOIN users AS u ON u.tenant_id = t.id AND u.id = p_user AND u.active
    JOIN sessions AS s ON s.tenant_id = t.id AND s.user_id = u.id AND s.id = p_session
        AND s.revoked_at IS NULL AND s.expires_at > now()
    WHERE t.id = p_tenant
$$;
REVOKE EXECUTE ON FUNCTION auth_session_version(uuid, uuid, uuid) FROM PUBLIC;
