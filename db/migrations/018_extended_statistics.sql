-- 018 extended statistics: a portfolio belongs to one user, so user_id and portfolio_id are
-- not independent. Without telling the planner, "a portfolio's latest 100 transactions"
-- is estimated at ~1% of its real row count and planned as read-everything-then-sort
-- (see bench/README.md); with the dependency known it stops after the first 100 rows.
create statistics transactions_user_portfolio_dependencies (dependencies)
  on user_id, portfolio_id from public.transactions;

create statistics holdings_user_portfolio_dependencies (dependencies)
  on user_id, portfolio_id from public.holdings;
