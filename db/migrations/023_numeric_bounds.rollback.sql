-- Undo 023 numeric bounds.

alter table public.price_alerts drop constraint price_alerts_target_price_range_check;
alter table public.watchlist drop constraint watchlist_target_price_range_check;
alter table public.forex_rates drop constraint forex_rates_rate_range_check;
alter table public.historical_prices
  drop constraint historical_prices_split_range_check,
  drop constraint historical_prices_price_range_check;
alter table public.transactions
  drop constraint transactions_exchange_rate_range_check,
  drop constraint transactions_amount_range_check,
  drop constraint transactions_commission_range_check,
  drop constraint transactions_price_range_check,
  drop constraint transactions_quantity_range_check;
