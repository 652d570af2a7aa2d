-- Undo 020 ledger order index.

drop index public.idx_transactions_user_processing_order;
