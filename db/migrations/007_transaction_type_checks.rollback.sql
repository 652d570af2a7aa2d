-- Undo 007 transaction type checks: restore the definitions of 003.

alter table public.transactions
  drop constraint transactions_quantity_positive_check,
  add constraint transactions_quantity_positive_check check (
    (transaction_type in ('BUY', 'SELL', 'DIVIDEND', 'SPLIT') and quantity > 0) or
    (transaction_type in ('DEPOSIT', 'WITHDRAWAL', 'FEE') and quantity >= 0)
  ),
  drop constraint transactions_price_positive_check,
  add constraint transactions_price_positive_check check (
    (transaction_type in ('BUY', 'SELL', 'DIVIDEND') and price > 0) or
    (transaction_type in ('SPLIT', 'FEE') and price >= 0) or
    (transaction_type in ('DEPOSIT', 'WITHDRAWAL'))
  );
