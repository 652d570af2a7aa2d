-- 065 ledger changed ids: with every move of a user's ledger counter, besides the earliest date
-- (060), the ids of the transactions the statement inserted, updated or deleted, when it touched
-- at most 256 of them. A Portfolio replica that holds a user's ledger at version v then reads
-- only those rows (public.ledger_changed_ids_since(v), in the same statement as the rows) and
-- patches its copy instead of re-reading the whole ledger: a backdated buy costs one row, not
-- 100,000. A bulk statement (an import) records no ids; a replica behind it reads everything.

alter table private.ledger_changes add column changed_ids uuid[];

create or replace function private.bump_ledger_versions()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- Users in a fixed order, so two statements touching the same users cannot deadlock.
  if tg_op = 'INSERT' then
    with changed as (
      select user_id, min(date) as changed_from,
             case when count(*) <= 256 then array_agg(id) end as ids
      from new_rows group by user_id
    ), bumped as (
      insert into private.ledger_versions as v (user_id)
      select user_id from changed order by user_id
      on conflict (user_id) do update set version = v.version + 1
      returning v.user_id, v.version
    ), pruned as (
      -- Bounded history: a replica more than 1,000 changes behind starts from the beginning.
      delete from private.ledger_changes c using bumped b where c.user_id = b.user_id and c.version <= b.version - 1000
    )
    insert into private.ledger_changes (user_id, version, changed_from, changed_ids)
    select b.user_id, b.version, c.changed_from, c.ids from bumped b join changed c on c.user_id = b.user_id;
  elsif tg_op = 'UPDATE' then
    with touched as (
      select user_id, date, id from old_rows union all select user_id, date, id from new_rows
    ), changed as (
      select user_id, min(date) as changed_from,
             case when count(distinct id) <= 256 then array_agg(distinct id) end as ids
      from touched group by user_id
    ), bumped as (
      insert into private.ledger_versions as v (user_id)
      select user_id from changed order by user_id
      on conflict (user_id) do update set version = v.version + 1
      returning v.user_id, v.version
    ), pruned as (
      delete from private.ledger_changes c using bumped b where c.user_id = b.user_id and c.version <= b.version - 1000
    )
    insert into private.ledger_changes (user_id, version, changed_from, changed_ids)
    select b.user_id, b.version, c.changed_from, c.ids from bumped b join changed c on c.user_id = b.user_id;
  else
    -- A user being deleted takes their counter with them (cascade): only count living users.
    with changed as (
      select o.user_id, min(o.date) as changed_from,
             case when count(*) <= 256 then array_agg(o.id) end as ids
      from old_rows o
      where exists (select 1 from auth.users u where u.id = o.user_id)
      group by o.user_id
    ), bumped as (
      insert into private.ledger_versions as v (user_id)
      select user_id from changed order by user_id
      on conflict (user_id) do update set version = v.version + 1
      returning v.user_id, v.version
    ), pruned as (
      delete from private.ledger_changes c using bumped b where c.user_id = b.user_id and c.version <= b.version - 1000
    )
    insert into private.ledger_changes (user_id, version, changed_from, changed_ids)
    select b.user_id, b.version, c.changed_from, c.ids from bumped b join changed c on c.user_id = b.user_id;
  end if;
  return null;
end;
$$;

-- The ids of the caller's transactions inserted, updated or deleted since their counter stood at
-- held: empty when it has not moved since; null when the history does not reach back to held, a
-- change in between recorded no ids, or more than 1,024 rows changed (read the whole ledger).
create function public.ledger_changed_ids_since(held bigint)
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when held >= coalesce((select v.version from private.ledger_versions v where v.user_id = auth.uid()), 0) then '{}'::uuid[]
    when not exists (select 1 from private.ledger_changes c where c.user_id = auth.uid() and c.version = held + 1)
      or exists (select 1 from private.ledger_changes c where c.user_id = auth.uid() and c.version > held and c.changed_ids is null)
      then null
    else (
      select case when count(*) <= 1024 then array_agg(ids.id order by ids.id) end
      from (select distinct unnest(c.changed_ids) as id
            from private.ledger_changes c where c.user_id = auth.uid() and c.version > held) ids)
  end
$$;

revoke all on function public.ledger_changed_ids_since(bigint) from public;
grant execute on function public.ledger_changed_ids_since(bigint) to authenticated, service_role;
