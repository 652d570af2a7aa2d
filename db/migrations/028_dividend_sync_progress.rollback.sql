-- Undo 028 dividend sync progress.

alter table public.dividend_sync_state
  drop constraint dividend_sync_state_counts_non_negative_check,
  drop column dividends_removed,
  drop column dividends_updated,
  drop column events_fingerprint,
  drop column ledger_version;
