-- 077 drop two more transaction indexes that no query needs: every imported row paid for them.
--
-- A 10,000-row import spends most of its time in PostgreSQL, and a part of that in the
-- secondary indexes of transactions (five before this migration). Two of them earn nothing:
--   * idx_transactions_symbol_date (symbol, date) across users, kept by 070 for the service_role
--     jobs. The one cross-user query left, MarketData's tracked symbols (every symbol anyone
--     traded), is planned as a sequential scan with or without it, and the index had no scan at
--     all in pg_stat_user_indexes after a full test run and benchmark runs. The dividend sync
--     asks per user and symbol, which idx_transactions_user_symbol_date answers.
--   * idx_transactions_portfolio_performance (user, symbol, date, type) for BUY and SELL, kept
--     by 070 for the dividends' current positions (the currency of each position's last trade).
--     idx_transactions_user_symbol_date answers that query as well: on the 100,000-transaction
--     benchmark user, 20 positions in 1.0 ms with it against 2.0 ms with the dropped index
--     (EXPLAIN ANALYZE, the same run).
-- Dropping both took a 10,000-row insert from 808 to 594 ms, and in a second series from 909 to
-- 684 ms, in PostgreSQL (medians of five, alternating, rolled back, 380,000 transactions stored).
-- Plain DROP INDEX: a migration runs in a transaction, where CONCURRENTLY is not allowed.

drop index public.idx_transactions_symbol_date;
drop index public.idx_transactions_portfolio_performance;
