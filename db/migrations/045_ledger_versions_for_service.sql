-- 045 ledger versions for the service role: the background dividend sync (run as service_role,
-- no user asked for it) finds the users whose ledger moved since their last sync by comparing
-- dividend_sync_state.ledger_version with each user's counter. The counters live in schema
-- private, which no API role reaches; this function answers them to service_role only. A user
-- still reads only their own counter, through public.ledger_version().

create function public.ledger_versions_for_service()
returns table (user_id uuid, version bigint)
language sql
stable
security definer
set search_path = ''
as $$
  select v.user_id, v.version from private.ledger_versions v
$$;

revoke all on function public.ledger_versions_for_service() from public;
grant execute on function public.ledger_versions_for_service() to service_role;
