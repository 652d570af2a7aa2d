-- 060 ledger change dates: with every move of a user's ledger counter, the earliest transaction
-- date the statement touched (inserted and deleted rows' dates, both dates of an updated row).
-- The Portfolio service keeps each user's metrics state incrementally; a replica that holds it
-- at version v asks public.ledger_changed_since(v), in the same statement as its version check,
-- and recomputes only from that date: a backdated buy five years ago rebuilds five years,
-- today's buy one day, whichever replica took the write.
--
-- Lives beside the counters in schema private (no API role reaches it); the function answers
-- the caller's own rows only (auth.uid(), never an argument). The last 1,000 changes per user
-- are kept; a replica further behind is told to start from the beginning.

create table private.ledger_changes (
  user_id      uuid   not null references auth.users (id) on delete cascade,
  version      bigint not null,
  changed_from date   not null,
  primary key (user_id, version)
);

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
      select user_id, min(date) as changed_from from new_rows group by user_id
    ), bumped as (
      insert into private.ledger_versions as v (user_id)
      select user_id from changed order by user_id
      on conflict (user_id) do update set version = v.version + 1
      returning v.user_id, v.version
    ), pruned as (
      -- Bounded history: a replica more than 1,000 changes behind starts from the beginning.
      delete from private.ledger_changes c using bumped b where c.user_id = b.user_id and c.version <= b.version - 1000
    )
    insert into private.ledger_changes (user_id, version, changed_from)
    select b.user_id, b.version, c.changed_from from bumped b join changed c on c.user_id = b.user_id;
  elsif tg_op = 'UPDATE' then
    with changed as (
      select user_id, min(date) as changed_from
      from (select user_id, date from old_rows union all select user_id, date from new_rows) touched
      group by user_id
    ), bumped as (
      insert into private.ledger_versions as v (user_id)
      select user_id from changed order by user_id
      on conflict (user_id) do update set version = v.version + 1
      returning v.user_id, v.version
    ), pruned as (
      -- Bounded history: a replica more than 1,000 changes behind starts from the beginning.
      delete from private.ledger_changes c using bumped b where c.user_id = b.user_id and c.version <= b.version - 1000
    )
    insert into private.ledger_changes (user_id, version, changed_from)
    select b.user_id, b.version, c.changed_from from bumped b join changed c on c.user_id = b.user_id;
  else
    -- A user being deleted takes their counter with them (cascade): only count living users.
    with changed as (
      select o.user_id, min(o.date) as changed_from from old_rows o
      where exists (select 1 from auth.users u where u.id = o.user_id)
      group by o.user_id
    ), bumped as (
      insert into private.ledger_versions as v (user_id)
      select user_id from changed order by user_id
      on conflict (user_id) do update set version = v.version + 1
      returning v.user_id, v.version
    ), pruned as (
      -- Bounded history: a replica more than 1,000 changes behind starts from the beginning.
      delete from private.ledger_changes c using bumped b where c.user_id = b.user_id and c.version <= b.version - 1000
    )
    insert into private.ledger_changes (user_id, version, changed_from)
    select b.user_id, b.version, c.changed_from from bumped b join changed c on c.user_id = b.user_id;
  end if;
  return null;
end;
$$;

-- The earliest transaction date changed since the caller's counter stood at held: null when it
-- has not moved since, 0001-01-01 when the history does not reach back to held (recompute all).
create function public.ledger_changed_since(held bigint)
returns date
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when held >= coalesce((select v.version from private.ledger_versions v where v.user_id = auth.uid()), 0) then null
    when exists (select 1 from private.ledger_changes c where c.user_id = auth.uid() and c.version = held + 1)
      then (select min(c.changed_from) from private.ledger_changes c where c.user_id = auth.uid() and c.version > held)
    else date '0001-01-01'
  end
$$;

revoke all on function public.ledger_changed_since(bigint) from public;
grant execute on function public.ledger_changed_since(bigint) to authenticated, service_role;
