-- 070 drop unused transaction indexes: five of 013's analytical indexes that no query reads.
--
-- Every index costs every inserted transaction; an import of 10,000 rows maintained twelve. The
-- queries on transactions (services/*/Data, the operations tool) were planned with and without
-- these five on a database of 300,000 transactions (one user of 100,000): none of them is chosen
-- by any plan but two, and for those two another index answers as fast:
--   * a dividend matching its DIVIDEND transaction (user, portfolio, symbol, type, two dates)
--     read idx_transactions_type_user_date; idx_transactions_user_symbol_date answers it as fast;
--   * a profile's distinct currencies read idx_transactions_monthly_summary index-only (a covering
--     accident); idx_transactions_user_symbol_date covers it as well.
-- What stays: the primary key; 003's (user, symbol, date) and (user, portfolio, date, id), which
-- the transaction list and the position queries read; 020's ledger processing order; 013's
-- (symbol, date), which the service_role jobs read across users; and 013's BUY/SELL
-- (user, symbol, date, type), which the dividends' current positions read (0.4 ms instead of
-- 4.6 ms for 20 positions without it).
-- Plain DROP INDEX: a migration runs in a transaction, where CONCURRENTLY is not allowed.

drop index public.idx_transactions_type_user_date;
drop index public.idx_transactions_portfolio_calc;
drop index public.idx_transactions_currency_analysis;
drop index public.idx_transactions_monthly_summary;
drop index public.idx_transactions_value_calc;
