-- 007 transaction type checks: each CHECK of transactions reports its own concern.
--
-- In 003, transactions_quantity_positive_check and transactions_price_positive_check listed
-- every type, so a row with an unknown type ('buy') failed them too, and Postgres reported
-- whichever it evaluated first: a client sending a bad type was told its price was wrong.
-- They are restated here as "the type-dependent rule holds", leaving unknown types to
-- transactions_transaction_type_check alone. For the seven valid types the rules are
-- unchanged (see 003): BUY, SELL, DIVIDEND, SPLIT need quantity > 0, DEPOSIT, WITHDRAWAL,
-- FEE allow 0; BUY, SELL, DIVIDEND need price > 0, SPLIT and FEE allow 0, DEPOSIT and
-- WITHDRAWAL leave price unconstrained. Rows that satisfied the old checks satisfy these.

alter table public.transactions
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
