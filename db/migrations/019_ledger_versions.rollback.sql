-- Undo 019 ledger versions.

drop function public.ledger_version();
drop trigger transactions_ledger_version_delete on public.transactions;
drop trigger transactions_ledger_version_update on public.transactions;
drop trigger transactions_ledger_version_insert on public.transactions;
drop function private.bump_ledger_versions();
drop table private.ledger_versions;
drop schema private;
