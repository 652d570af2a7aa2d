-- Undo 016 RLS validation.

drop function public.rls_violations();
drop function public.rls_status();
