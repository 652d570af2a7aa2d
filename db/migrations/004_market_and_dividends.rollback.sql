-- Undo 004 market and dividends.

drop table public.user_dividends;
drop table public.stocks;
