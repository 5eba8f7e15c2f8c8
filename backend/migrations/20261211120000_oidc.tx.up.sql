-- Single sign-on with OpenID Connect (issue 18, part 6).
--
-- 1. oidc_configs: a tenant's identity provider (one at most): the issuer whose discovery document the backend
--    fetches, the client registered there (the secret is kept for the code exchange and never answered back), the
--    unit and role of accounts created at their first sign-in, and whether the users of its domains may still sign
--    in with a password. enabled = false keeps the configuration but turns single sign-on off.
CREATE TABLE oidc_configs (
    tenant_id         uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    enabled           boolean NOT NULL DEFAULT true,
    issuer            text NOT NULL CHECK (length(issuer) BETWEEN 8 AND 500),
    client_id         text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 255),
    client_secret     text CHECK (client_secret IS NULL OR length(client_secret) BETWEEN 1 AND 1000),
    default_unit_id   uuid NOT NULL,
    default_role_id   uuid NOT NULL,
    password_disabled boolean NOT NULL DEFAULT false,
    version           bigint NOT NULL DEFAULT 1,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT oidc_configs_unit_fkey FOREIGN KEY (tenant_id, default_unit_id) REFERENCES units (tenant_id, id),
    CONSTRAINT oidc_configs_role_fkey FOREIGN KEY (tenant_id, default_role_id) REFERENCES roles (tenant_id, id)
);
CREATE INDEX oidc_configs_unit_idx ON oidc_configs (tenant_id, default_unit_id);
CREATE INDEX oidc_configs_role_idx ON oidc_configs (tenant_id, default_role_id);

-- 2. oidc_domains: the e-mail domains whose users sign in through the tenant's provider. A domain belongs to one
--    tenant at most (the primary key spans the tenants), so that an address names its tenant before sign-in
--    (oidc_domain_tenant).
CREATE TABLE oidc_domains (
    domain    text PRIMARY KEY CHECK (domain ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$'
                                      AND length(domain) <= 253),
    tenant_id uuid NOT NULL REFERENCES oidc_configs (tenant_id) ON DELETE CASCADE
);
CREATE INDEX oidc_domains_tenant_idx ON oidc_domains (tenant_id);

-- 3. oidc_logins: a sign-in begun and not yet finished: the state (kept as its hash), the nonce the ID token must
--    carry, the PKCE verifier and the loopback redirect URI, for 10 minutes. The backend keeps nothing in memory:
--    any instance finishes what another began. oidc_login_take hands a login out once and deletes it.
CREATE TABLE oidc_logins (
    state_hash   bytea PRIMARY KEY CHECK (length(state_hash) = 32),
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    nonce        text NOT NULL CHECK (length(nonce) BETWEEN 16 AND 200),
    verifier     text NOT NULL CHECK (length(verifier) BETWEEN 43 AND 128),
    redirect_uri text NOT NULL CHECK (length(redirect_uri) BETWEEN 1 AND 300),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX oidc_logins_expires_idx ON oidc_logins (expires_at);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['oidc_configs', 'oidc_domains', 'oidc_logins'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
            WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    END LOOP;
END $$;

-- Before sign-in no tenant is known: an e-mail domain names the tenant whose enabled provider serves it (NULL for
-- none). It answers for a domain only, never for an account.
CREATE FUNCTION oidc_domain_tenant(p_domain text)
RETURNS uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_tenant uuid;
BEGIN
    IF p_domain IS NULL OR length(p_domain) NOT BETWEEN 1 AND 253 THEN
        RAISE EXCEPTION 'oidc_domain_tenant: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT d.tenant_id INTO v_tenant FROM oidc_domains AS d JOIN oidc_configs AS c ON c.tenant_id = d.tenant_id
    WHERE d.domain = lower(p_domain) AND c.enabled;
    RETURN v_tenant;
END
$$;

-- A sign-in's finish names only its state: the login of that state's hash is handed out once (deleted as it is
-- read) if it has not expired. Expired logins of every tenant go at the same time.
CREATE FUNCTION oidc_login_take(p_state_hash bytea)
RETURNS TABLE (tenant_id uuid, nonce text, verifier text, redirect_uri text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_state_hash IS NULL OR length(p_state_hash) <> 32 THEN
        RAISE EXCEPTION 'oidc_login_take: invalid argument' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    DELETE FROM oidc_logins AS l WHERE l.expires_at < clock_timestamp() - interval '1 hour';
    RETURN QUERY
    DELETE FROM oidc_logins AS l WHERE l.state_hash = p_state_hash AND l.expires_at > clock_timestamp()
    RETURNING l.tenant_id, l.nonce, l.verifier, l.redirect_uri;
END
$$;

REVOKE EXECUTE ON FUNCTION oidc_domain_tenant(text), oidc_login_take(bytea) FROM PUBLIC;
