-- 020 ledger order index: a user's transactions in the ledger's processing order (date; on
-- one day a split, then buys, then everything else, then sells; then as recorded), the order
-- in which the metrics engine and the holdings replay read them (LedgerSql.ProcessingOrder in
-- the Portfolio service; the expression must stay the same to match). With it the read is an
-- index scan in order instead of a sort of every row: for a 100,000-transaction user the sort
-- was about half of the read's server time.

create index idx_transactions_user_processing_order
  on public.transactions (
    user_id,
    date,
    (case transaction_type when 'SPLIT' then 0 when 'BUY' then 1 when 'SELL' then 3 else 2 end),
    created_at,
    id);
