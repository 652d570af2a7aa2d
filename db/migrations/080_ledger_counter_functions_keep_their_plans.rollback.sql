-- Undo 080: the functions as SQL functions again, as 079 left them.

create or replace function public.ledger_version()
returns bigint
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((select v.version from private.ledger_versions v where v.user_id = (select auth.uid())), 0)
$$;

create or replace function public.ledger_changed_since(held bigint)
returns date
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when held >= coalesce((select v.version from private.ledger_versions v where v.user_id = (select auth.uid())), 0) then null
    when exists (select 1 from private.ledger_changes c where c.user_id = (select auth.uid()) and c.version = held + 1)
      then (select min(c.changed_from) from private.ledger_changes c where c.user_id = (select auth.uid()) and c.version > held)
    else date '0001-01-01'
  end
$$;

create or replace function public.ledger_changed_ids_since(held bigint)
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when held >= coalesce((select v.version from private.ledger_versions v where v.user_id = (select auth.uid())), 0) then '{}'::uuid[]
    when not exists (select 1 from private.ledger_changes c where c.user_id = (select auth.uid()) and c.version = held + 1)
      or exists (select 1 from private.ledger_changes c where c.user_id = (select auth.uid()) and c.version > held and c.changed_ids is null)
      then null
    else (
      select case when count(*) <= 1024 then array_agg(ids.id order by ids.id) end
      from (select distinct unnest(c.changed_ids) as id
            from private.ledger_changes c where c.user_id = (select auth.uid()) and c.version > held) ids)
  end
$$;
