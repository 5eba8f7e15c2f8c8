-- The planner's estimate of a word's tokens (issue 19): with the default statistics a common surname's range
-- ('mueller' to 'muelles': 10,697 tokens of 18.7 million on the bench tenant) was estimated at one row, so the
-- scope's users were hashed on the tokens' side and the matches sorted to remove duplicates (13.5 ms). With the
-- common tokens among the most common values the estimate is about right (9,797) and the plan hashes the users
-- and the duplicates (10 ms).
ALTER TABLE search_tokens ALTER COLUMN token SET STATISTICS 1000;
