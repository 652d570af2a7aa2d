-- 079 the ledger counter's functions read the caller's id once per statement, not once per row.
--
-- ledger_version(), ledger_changed_since() and ledger_changed_ids_since() compared each row with
-- auth.uid() itself. The counters' table holds one row per user and fits in one page, so the
-- planner scans it, and a volatile-looking comparand is evaluated for every row: auth.uid() parses
-- the request's claims as jsonb, so each call cost about 1.6 µs times the number of users. With
-- 125 users that was 0.26 ms per ledger_version() (0.02 ms with a constant), and every summary,
-- performance or risk request's check of the held ledger calls these functions four times: 2.5 ms
-- of each of its two statements, 5 of its 6.7 ms of database time through the gateway (pg_stat_statements,
-- 100,000-transaction user). It grows with the number of users, not with the caller's own data.
-- `(select auth.uid())` is an init plan: evaluated once per statement, as the RLS policies already
-- do (005). What the functions return does not change.

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
