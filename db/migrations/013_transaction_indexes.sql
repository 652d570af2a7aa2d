-- 013 transaction indexes: the specification's analytical indexes on transactions (003 has
-- the two the services' list and position queries use). Where the specification led with
-- another column, user indexes here lead with user_id, so a user's query and its RLS filter
-- use them; the one cross-user index (by symbol) serves service_role jobs.
-- Plain CREATE INDEX: a migration runs in a transaction, where CONCURRENTLY is not allowed.
-- Each index costs every transaction insert; pg_stat_user_indexes.idx_scan shows which earn it.

-- Service_role jobs across users: who traded a symbol (dividend sync at an ex-date,
-- invalidating metrics when its price arrives).
create index idx_transactions_symbol_date
  on public.transactions (symbol, date desc)
  include (user_id, quantity, price, transaction_type);

-- One type of a user's transactions (deposits, dividends, fees), newest first. The
-- specification led with transaction_type.
create index idx_transactions_type_user_date
  on public.transactions (user_id, transaction_type, date desc);

-- All of a user's transactions in date order with what valuation needs (time-weighted and
-- money-weighted returns walk them day by day).
create index idx_transactions_portfolio_calc
  on public.transactions (user_id, date desc)
  include (symbol, quantity, price, transaction_type, currency, commission);

-- Trades only, per symbol in date order, with fees: realized gains and average cost.
create index idx_transactions_portfolio_performance
  on public.transactions (user_id, symbol, date, transaction_type)
  include (quantity, price, currency, commission)
  where transaction_type in ('BUY', 'SELL');

-- Multi-currency portfolios: a user's transactions per currency.
create index idx_transactions_currency_analysis
  on public.transactions (user_id, currency, date desc)
  include (symbol, quantity, price, transaction_type);

-- Monthly summaries. date_trunc('month', date) on a date resolves to the timestamptz variant,
-- which depends on the session's time zone and cannot be indexed; truncating date::timestamp
-- is immutable. Queries must use the same expression to match it.
create index idx_transactions_monthly_summary
  on public.transactions (user_id, date_trunc('month', date::timestamp), transaction_type)
  include (symbol, quantity, price, currency);

-- A user's largest trades by value. The specification indexed (quantity * price) alone with
-- user_id as an included column.
create index idx_transactions_value_calc
  on public.transactions (user_id, (quantity * price) desc)
  include (symbol, date, transaction_type, currency)
  where transaction_type in ('BUY', 'SELL');
