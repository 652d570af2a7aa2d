-- 028 dividend sync progress: what the last sync of a user saw, so a re-sync with nothing new
-- (same ledger version, same dividend events) answers at once, and the background sync finds
-- the users whose holdings or events changed since. Counts of the last run beside
-- dividends_created.
--   ledger_version     public.ledger_version() of the user when the last sync read the ledger
--   events_fingerprint a digest of the dividend events the last sync used
--   dividends_updated  pending rows the last sync recomputed
--   dividends_removed  pending rows the last sync removed (no longer owed)

alter table public.dividend_sync_state
  add column ledger_version     bigint,
  add column events_fingerprint text,
  add column dividends_updated  integer not null default 0,
  add column dividends_removed  integer not null default 0,
  add constraint dividend_sync_state_counts_non_negative_check check (dividends_updated >= 0 and dividends_removed >= 0);
