-- Undo 012 system tables (their triggers and indexes go with them).

drop table public.circuit_breaker_state;
drop table public.api_usage;
drop table public.api_cache;
