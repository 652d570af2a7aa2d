-- Undo 010 market data tables (their triggers and indexes go with them).

drop table public.market_holidays;
drop table public.symbol_exchanges;
drop table public.forex_rates;
drop table public.company_financials;
drop table public.historical_prices;
