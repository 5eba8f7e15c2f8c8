-- pg_dump's script runs with an empty search path; a function that an index evaluates while pg_restore builds it
-- must find what it calls without one. dedupe_phones (persons_dedupe_phone_idx and the leads' twin) calls
-- dedupe_phone unqualified: it keeps the search path it was made with.
ALTER FUNCTION dedupe_phones(jsonb) SET search_path FROM CURRENT;
