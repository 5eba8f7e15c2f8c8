-- "Deals ohne nächste Aktivität" (issue 16.4): the deal and lead lists' condition noOpenActivity is
-- NOT EXISTS (SELECT 1 FROM activities WHERE deal_id = d.id AND NOT done), tested per listed record. These indexes
-- hold the open activities linked to a deal (a lead) only, with the tenant that row-level security compares, so
-- each test is one index-only probe: no heap access, and done activities (most of them, growing with every year of
-- history) are not in the index at all.
--
-- On the bench tenant (2,000,000 activities, 195,586 open, 117,250 of them on deals) for a rep with 7,238 open deals:
-- the count of those without an open activity (5,325) took 1.0-1.7 s with activities_deal_idx (PostgreSQL hashed
-- every open activity of the tenant read from the heap) and takes 70-120 ms with the index (a nested-loop anti join
-- of 7,238 index-only probes; half of it is reading the rep's deals, as every figure over them does); the list's
-- first page (by title) 10-20 ms, 58 probes.
CREATE INDEX activities_open_deal_idx ON activities (tenant_id, deal_id) WHERE NOT done AND deal_id IS NOT NULL;
CREATE INDEX activities_open_lead_idx ON activities (tenant_id, lead_id) WHERE NOT done AND lead_id IS NOT NULL;
