-- Undo 045 ledger versions for the service role.

drop function public.ledger_versions_for_service();
