-- 019 ledger versions: a counter per user that moves whenever any of the user's transactions
-- is inserted, updated or deleted (cascades included). The Portfolio service keeps users'
-- ledgers in memory between requests and asks this counter, in one indexed lookup, whether
-- its copy is still the database's; so an in-memory ledger is never trusted on a guess.
--
-- The table lives in schema private, which the API roles cannot reach: nobody writes it but
-- the triggers below, and a user reads only their own counter, through public.ledger_version()
-- (SECURITY DEFINER, keyed by auth.uid(), never by an argument).
-- Statement-level triggers with transition tables: an import of 10,000 rows bumps the
-- counter once, not 10,000 times. PostgreSQL allows transition tables on single-event
-- triggers only, hence three triggers over one function.

create schema private;
revoke all on schema private from public;

create table private.ledger_versions (
  user_id uuid   primary key references auth.users (id) on delete cascade,
  version bigint not null default 1,
  constraint ledger_versions_version_positive_check check (version > 0)
);

create function private.bump_ledger_versions()
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

revoke all on function private.bump_ledger_versions() from public;

create trigger transactions_ledger_version_insert
  after insert on public.transactions
  referencing new table as new_rows
  for each statement execute function private.bump_ledger_versions();

create trigger transactions_ledger_version_update
  after update on public.transactions
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.bump_ledger_versions();

create trigger transactions_ledger_version_delete
  after delete on public.transactions
  referencing old table as old_rows
  for each statement execute function private.bump_ledger_versions();

-- The caller's counter; 0 while they have never had a transaction.
create function public.ledger_version()
returns bigint
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((select v.version from private.ledger_versions v where v.user_id = auth.uid()), 0)
$$;

revoke all on function public.ledger_version() from public;
grant execute on function public.ledger_version() to authenticated, service_role;
