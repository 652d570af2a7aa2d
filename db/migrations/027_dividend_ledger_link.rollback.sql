-- Undo 027 dividend ledger link.

drop index public.user_dividends_event_key;
delete from public.user_dividends where source in ('dataset', 'import');
alter table public.user_dividends
  drop constraint user_dividends_source_check,
  add constraint user_dividends_source_check check (source in ('alpha_vantage', 'manual', 'broker')),
  drop constraint user_dividends_withholding_within_total_check,
  drop constraint user_dividends_tax_withheld_range_check,
  drop constraint user_dividends_transaction_id_key,
  drop column tax_withheld,
  drop column transaction_id,
  drop column portfolio_id;
