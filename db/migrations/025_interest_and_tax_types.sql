-- 025 interest and tax types: INTEREST (cash interest received) and TAX (a tax paid outside a
-- dividend row) join the transaction types. Both are cash movements whose amount is
-- quantity x price, like FEE. INTEREST follows DIVIDEND's rules (quantity and price above 0:
-- an amount received); TAX follows FEE's (0 allowed). Every existing row satisfies the new
-- definitions, which only add cases.

alter table public.transactions
  drop constraint transactions_transaction_type_check,
  add constraint transactions_transaction_type_check check (
    transaction_type in ('BUY', 'SELL', 'DEPOSIT', 'WITHDRAWAL', 'DIVIDEND', 'SPLIT', 'FEE', 'INTEREST', 'TAX')
  ),
  drop constraint transactions_quantity_positive_check,
  add constraint transactions_quantity_positive_check check (
    quantity > 0 or
    (quantity = 0 and transaction_type in ('DEPOSIT', 'WITHDRAWAL', 'FEE', 'TAX'))
  ),
  drop constraint transactions_price_positive_check,
  add constraint transactions_price_positive_check check (
    price > 0 or
    (price = 0 and transaction_type in ('SPLIT', 'FEE', 'TAX')) or
    transaction_type in ('DEPOSIT', 'WITHDRAWAL')
  );
