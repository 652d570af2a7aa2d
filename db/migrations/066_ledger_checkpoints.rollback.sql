drop table public.ledger_checkpoints;
