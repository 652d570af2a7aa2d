-- Undo 003 user tables (their triggers and indexes go with them).

drop table public.transactions;
drop table public.portfolios;
drop table public.user_profiles;
