-- Undo 070 drop unused transaction indexes: the five indexes as 013 created them.

create index idx_transactions_type_user_date
  on public.transactions (user_id, transaction_type, date desc);

create index idx_transactions_portfolio_calc
  on public.transactions (user_id, date desc)
  include (symbol, quantity, price, transaction_type, currency, commission);

create index idx_transactions_currency_analysis
  on public.transactions (user_id, currency, date desc)
  include (symbol, quantity, price, transaction_type);

create index idx_transactions_monthly_summary
  on public.transactions (user_id, date_trunc('month', date::timestamp), transaction_type)
  include (symbol, quantity, price, currency);

create index idx_transactions_value_calc
  on public.transactions (user_id, (quantity * price) desc)
  include (symbol, date, transaction_type, currency)
  where transaction_type in ('BUY', 'SELL');
