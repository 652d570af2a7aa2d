-- Undo 024 dividend events (policies, grants, indexes and the trigger go with the table).

drop table public.dividend_events;
