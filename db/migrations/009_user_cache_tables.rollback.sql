-- Undo 009 user cache tables (their triggers and indexes go with them).

drop table public.rate_limits;
drop table public.user_currency_cache;
drop table public.portfolio_metrics_cache;
drop table public.portfolio_caches;
