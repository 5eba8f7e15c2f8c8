-- A deal lies where its organisation lies, else where its person lies: but only where the user may see that
-- organisation or person. geocode_nearby placed a deal at its organisation for everybody, so a rep who may see a
-- deal but not its organisation could learn the organisation's whereabouts from a nearby search (the map and the
-- distance column picked the same way in Go: listquery's dealPick, now scoped as well).
--
-- geocode_nearby_deals takes the owners whose organisations and persons the caller may see (NULL: any) next to the
-- owners of the deals, and picks per deal the first live, placed, visible one of organisation and person, as
-- dealPick does. geocode_nearby and geocode_nearby_count no longer take 'deals'.

CREATE OR REPLACE FUNCTION geocode_near_args(p_fn text, p_table text, p_lat double precision, p_lng double precision,
    p_radius_m double precision, p_limit integer)
RETURNS uuid
LANGUAGE plpgsql STABLE SET search_path = public AS $$
DECLARE
    tenant uuid := NULLIF(current_setting('app.tenant_id', true), '')::uuid;
BEGIN
    IF tenant IS NULL THEN
        RAISE EXCEPTION '%: no tenant (app.tenant_id) is set', p_fn USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_table IS NULL OR p_table NOT IN ('persons', 'organizations', 'leads', 'deals') THEN
        RAISE EXCEPTION '%: table % has no positions', p_fn, p_table USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF (p_table = 'deals') <> (p_fn = 'geocode_nearby_deals') THEN
        RAISE EXCEPTION '%: deals lie at their organisation or person, in the caller''s scope: geocode_nearby_deals', p_fn
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_radius_m IS NULL OR NOT (p_radius_m > 0 AND p_radius_m <= 500000) THEN
        RAISE EXCEPTION '%: radius % m is not more than 0 and at most 500 km', p_fn, p_radius_m USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_limit IS NOT NULL AND p_limit NOT BETWEEN 1 AND 10000 THEN
        RAISE EXCEPTION '%: limit % is not between 1 and 10000', p_fn, p_limit USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT (coalesce(p_lat BETWEEN -90 AND 90, true) AND coalesce(p_lng BETWEEN -180 AND 180, true)) THEN
        RAISE EXCEPTION '%: position (%, %) is out of range', p_fn, p_lat, p_lng USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN tenant;
END
$$;

CREATE FUNCTION geocode_nearby_deals(p_lat double precision, p_lng double precision, p_radius_m double precision,
    p_owners uuid[], p_org_owners uuid[], p_person_owners uuid[], p_limit integer DEFAULT NULL,
    p_after_m double precision DEFAULT NULL, p_after_id uuid DEFAULT NULL)
RETURNS TABLE (nb_id uuid, nb_distance double precision)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 1000 AS $$
DECLARE
    tenant uuid := geocode_near_args('geocode_nearby_deals', 'deals', p_lat, p_lng, p_radius_m, p_limit);
    c      earth;
BEGIN
    IF p_lat IS NULL OR p_lng IS NULL OR cardinality(p_owners) = 0 THEN
        RETURN;
    END IF;
    c := ll_to_earth(p_lat, p_lng);
    RETURN QUERY
        -- The organisations and persons the caller may see, placed within the radius.
        WITH o AS (SELECT r.id, earth_distance(c, r.geo_earth) AS d FROM organizations AS r
            WHERE r.tenant_id = tenant AND r.deleted_at IS NULL AND r.geo_earth IS NOT NULL
                AND (p_org_owners IS NULL OR coalesce(r.owner_id = ANY(p_org_owners), false))
                AND earth_box(c, p_radius_m) @> r.geo_earth AND earth_distance(c, r.geo_earth) <= p_radius_m),
        p AS (SELECT r.id, earth_distance(c, r.geo_earth) AS d FROM persons AS r
            WHERE r.tenant_id = tenant AND r.deleted_at IS NULL AND r.geo_earth IS NOT NULL
                AND (p_person_owners IS NULL OR coalesce(r.owner_id = ANY(p_person_owners), false))
                AND earth_box(c, p_radius_m) @> r.geo_earth AND earth_distance(c, r.geo_earth) <= p_radius_m),
        d AS (SELECT d.id, o.d, d.owner_id FROM deals AS d JOIN o ON o.id = d.organization_id
                WHERE d.tenant_id = tenant AND d.deleted_at IS NULL
            UNION ALL
            -- At the person only when the organisation lends no position the caller may know.
            SELECT d.id, p.d, d.owner_id FROM deals AS d JOIN p ON p.id = d.person_id
                WHERE d.tenant_id = tenant AND d.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM organizations AS og
                    WHERE og.id = d.organization_id AND og.deleted_at IS NULL AND og.geo_earth IS NOT NULL
                        AND (p_org_owners IS NULL OR coalesce(og.owner_id = ANY(p_org_owners), false))))
        SELECT d.id, d.d FROM d
        WHERE (p_owners IS NULL OR coalesce(d.owner_id = ANY(p_owners), false))
            AND (p_after_m IS NULL OR d.d > p_after_m OR (d.d = p_after_m AND d.id > p_after_id))
        ORDER BY d.d, d.id LIMIT p_limit;
END
$$;
REVOKE EXECUTE ON FUNCTION geocode_nearby_deals(double precision, double precision, double precision, uuid[], uuid[], uuid[],
    integer, double precision, uuid) FROM PUBLIC;
