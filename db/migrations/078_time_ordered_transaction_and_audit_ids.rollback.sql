-- Undo 078: random ids again for new rows (stored rows keep theirs).

alter table public.transactions alter column id set default gen_random_uuid();
alter table public.audit_log alter column id set default gen_random_uuid();

drop function public.uuid_time_ordered();
