-- 027 dividend ledger link: a user's dividend belongs to one portfolio (entitlement is counted
-- per portfolio), carries its withholding tax (gross = net + tax), and, once confirmed or
-- edited, is exactly one DIVIDEND transaction of the ledger: transaction_id links the two and
-- is unique, so no transaction stands for two dividends. The Portfolio service writes the row
-- and its transaction in one database transaction; deleting the transaction unlinks the row.
-- A synced dividend is keyed by (user, portfolio, symbol, ex-date, type), so a re-sync can
-- never add it twice. The dataset and the admin import are sources, as dividend events name them.

alter table public.user_dividends
  add column portfolio_id   uuid references public.portfolios (id) on delete cascade,
  add column transaction_id uuid references public.transactions (id) on delete set null,
  add column tax_withheld   numeric not null default 0,
  add constraint user_dividends_transaction_id_key unique (transaction_id),
  add constraint user_dividends_tax_withheld_range_check check (
    tax_withheld >= 0 and tax_withheld <= 1e15 and tax_withheld = round(tax_withheld, 16)
  ),
  add constraint user_dividends_withholding_within_total_check check (
    total_amount is null or tax_withheld <= total_amount
  ),
  drop constraint user_dividends_source_check,
  add constraint user_dividends_source_check check (source in ('alpha_vantage', 'manual', 'broker', 'dataset', 'import'));

create unique index user_dividends_event_key
  on public.user_dividends (user_id, portfolio_id, symbol, ex_date, dividend_type);
