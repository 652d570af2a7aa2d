-- 023 numeric bounds: the largest numbers the suite stores, the same as the services accept
-- (ServiceDefaults/Validation/NumericBounds.cs). Far beyond any real holding, they keep every
-- stored value readable as a .NET decimal (at most 16 decimal places, 13 integer digits) and
-- every sum the metrics engine forms inside decimal's range: a transaction's
-- |quantity x price| + commission is at most 1e15, an FX rate lies in [1e-9, 1e9].
-- "x = round(x, 16)" bounds decimal places by value, so trailing zeros do not count.
-- Each check is named *_range_check, after the older *_positive_check of the same column, so a
-- row breaking both is reported by the older, more specific one (checks run in name order).

alter table public.transactions
  add constraint transactions_quantity_range_check check (
    abs(quantity) <= case when transaction_type = 'SPLIT' then 1e6 else 1e12 end and
    quantity = round(quantity, 16)
  ),
  add constraint transactions_price_range_check check (
    abs(price) <= 1e9 and price = round(price, 16)
  ),
  add constraint transactions_commission_range_check check (
    commission <= 1e15 and commission = round(commission, 16)
  ),
  add constraint transactions_amount_range_check check (
    abs(quantity * price) + commission <= 1e15
  ),
  add constraint transactions_exchange_rate_range_check check (
    exchange_rate is null or
    (exchange_rate between 1e-9 and 1e9 and exchange_rate = round(exchange_rate, 16))
  );

alter table public.historical_prices
  add constraint historical_prices_price_range_check check (
    greatest(open, high, low, close, adjusted_close, dividend_amount) <= 1e9 and
    open = round(open, 16) and high = round(high, 16) and low = round(low, 16) and
    close = round(close, 16) and adjusted_close = round(adjusted_close, 16) and
    dividend_amount = round(dividend_amount, 16)
  ),
  add constraint historical_prices_split_range_check check (
    split_coefficient <= 1e6 and split_coefficient = round(split_coefficient, 16)
  );

alter table public.forex_rates
  add constraint forex_rates_rate_range_check check (
    rate between 1e-9 and 1e9 and rate = round(rate, 16)
  );

alter table public.watchlist
  add constraint watchlist_target_price_range_check check (
    target_price is null or (target_price <= 1e9 and target_price = round(target_price, 16))
  );

alter table public.price_alerts
  add constraint price_alerts_target_price_range_check check (
    target_price <= 1e9 and target_price = round(target_price, 16)
  );
