-- 071 transactions' owner through their portfolio: drop transactions_user_id_fkey, which the
-- composite key already implies.
--
-- A foreign key is checked by one query per inserted row: an import of 10,000 transactions ran
-- 20,000 of them, about a quarter of the insert's time. transactions_portfolio_user_fkey
-- (portfolio_id, user_id) -> portfolios (id, user_id) stays, and portfolios.user_id references
-- auth.users (id) on delete cascade: a transaction's user_id is its portfolio's user_id, which
-- is a user. Nothing is weakened:
--   * no transaction can name a user that does not exist (its portfolio would not exist);
--   * deleting a user deletes their portfolios and, through them, their transactions, in the
--     same statement as before (the audit and ledger triggers still see the user gone and skip
--     those rows, as they did with the direct cascade).

alter table public.transactions drop constraint transactions_user_id_fkey;
