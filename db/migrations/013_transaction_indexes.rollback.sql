-- Undo 013 transaction indexes.

drop index public.idx_transactions_value_calc;
drop index public.idx_transactions_monthly_summary;
drop index public.idx_transactions_currency_analysis;
drop index public.idx_transactions_portfolio_performance;
drop index public.idx_transactions_portfolio_calc;
drop index public.idx_transactions_type_user_date;
drop index public.idx_transactions_symbol_date;
