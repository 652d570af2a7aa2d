-- Undo 008 user feature tables (their triggers and indexes go with them).

drop table public.dividend_sync_state;
drop table public.price_alerts;
drop table public.watchlist;
drop table public.holdings;
