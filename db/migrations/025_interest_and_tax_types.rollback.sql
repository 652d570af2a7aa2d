-- Undo 025 interest and tax types: restore the definitions of 003 and 007. Refused (the type
-- check fails) while INTEREST or TAX rows exist: delete or rebook them first.

alter table public.transactions
  drop constraint transactions_transaction_type_check,
  add constraint transactions_transaction_type_check check (
    transaction_type in ('BUY', 'SELL', 'DEPOSIT', 'WITHDRAWAL', 'DIVIDEND', 'SPLIT', 'FEE')
  ),
  drop constraint transactions_quantity_positive_check,
  add constraint transactions_quantity_positive_check check (
    quantity > 0 or
    (quantity = 0 and transaction_type in ('DEPOSIT', 'WITHDRAWAL', 'FEE'))
  ),
  drop constraint transactions_price_positive_check,
  add constraint transactions_price_positive_check check (
    price > 0 or
    (price = 0 and transaction_type in ('SPLIT', 'FEE')) or
    transaction_type in ('DEPOSIT', 'WITHDRAWAL')
  );
