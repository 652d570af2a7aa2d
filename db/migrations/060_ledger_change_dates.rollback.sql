-- Undoes 060: the counter's trigger function as 019 wrote it, without the change dates.

drop function public.ledger_changed_since(bigint);

create or replace function private.bump_ledger_versions()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- Users in a fixed order, so two statements touching the same users cannot deadlock.
  if tg_op = 'INSERT' then
    insert into private.ledger_versions as v (user_id)
    select distinct user_id from new_rows order by user_id
    on conflict (user_id) do update set version = v.version + 1;
  elsif tg_op = 'UPDATE' then
    insert into private.ledger_versions as v (user_id)
    select user_id from (select user_id from old_rows union select user_id from new_rows) changed order by user_id
    on conflict (user_id) do update set version = v.version + 1;
  else
    -- A user being deleted takes their counter with them (cascade): only count living users.
    insert into private.ledger_versions as v (user_id)
    select distinct o.user_id from old_rows o
    where exists (select 1 from auth.users u where u.id = o.user_id)
    order by o.user_id
    on conflict (user_id) do update set version = v.version + 1;
  end if;
  return null;
end;
$$;

drop table private.ledger_changes;
