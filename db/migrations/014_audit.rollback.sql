-- Undo 014 audit: the triggers, the function, the table, the schema. No CASCADE: anything
-- unexpected that depends on them makes the rollback fail instead of being dropped silently.

drop trigger audit_log_change on public.dividend_sync_state;
drop trigger audit_log_change on public.user_dividends;
drop trigger audit_log_change on public.price_alerts;
drop trigger audit_log_change on public.watchlist;
drop trigger audit_log_change on public.holdings;
drop trigger audit_log_change on public.transactions;
drop trigger audit_log_change on public.portfolios;
drop trigger audit_log_change on public.user_profiles;
drop function audit.log_change();
drop table public.audit_log;
drop schema audit;
