-- The persons' phone index of duplicate checks (20261207090000_lead_intake) takes its entries at once, as the
-- e-mail index does since 20261209100000_imports: a lead delivery asks it with up to 500 phone numbers, and every
-- such search compares each key with every entry of the pending list. After an import of 100,000 persons the list
-- held 85,001 entries and one delivery's phone lookup took 1.4 s instead of 2 ms (bench lead_intake: 0.04 of the
-- COPY rate). TestGINIndexesTakeTheirEntriesAtOnce keeps every other GIN index to the same rule or its reason.
ALTER INDEX persons_dedupe_phone_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('persons_dedupe_phone_idx'::regclass);
