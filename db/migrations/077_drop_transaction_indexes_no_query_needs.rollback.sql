-- Undo 077: the two indexes as 013 created them.

create index idx_transactions_symbol_date
  on public.transactions (symbol, date desc)
  include (user_id, quantity, price, transaction_type);

create index idx_transactions_portfolio_performance
  on public.transactions (user_id, symbol, date, transaction_type)
  include (quantity, price, currency, commission)
  where transaction_type in ('BUY', 'SELL');
