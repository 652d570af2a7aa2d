-- Undoes 065: the counter's trigger function as 060 wrote it, without the changed ids.

drop function public.ledger_changed_ids_since(bigint);

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

alter table private.ledger_changes drop column changed_ids;
