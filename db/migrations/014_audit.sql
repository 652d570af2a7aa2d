-- 014 audit: every insert, update and delete on a user table writes one audit_log row, from a
-- trigger, so application code cannot skip it.
--
-- The specification let only service_role insert audit_log, yet user actions (as
-- authenticated) must be audited: the trigger function is SECURITY DEFINER, owned by the
-- migrating superuser, which writes audit_log past RLS. Users may read their own audit rows
-- (015); nobody else writes them. search_path is empty, so every name in it is qualified
-- (pg_catalog is always searched first) and no object a caller creates can be substituted.
--
-- Audited: user_profiles, portfolios, transactions, holdings, watchlist, price_alerts,
-- user_dividends, dividend_sync_state. Not audited: portfolio_caches,
-- portfolio_metrics_cache, user_currency_cache (derived data: recomputable, and written on
-- every cache miss and every hit's counter), rate_limits (bookkeeping written on every
-- request) and audit_log itself. Auditing those would add a write to every read.

create schema audit;
revoke all on schema audit from public;

-- One row per changed row.
--   user_id     owner of the changed row (its user_id; the new one if an update moved it)
--   actor_id    auth.uid() of who acted: null for service_role jobs and maintenance, and when
--               the claims carry no uuid subject
--   actor_role  the database role that acted (authenticated, service_role), or the session
--               user when no role was set (maintenance as the superuser)
--   record_id   the row's id when its primary key is a single uuid column id
--   record_key  the row's primary key columns as a json object, for every table
--   old_data    the row before (null on INSERT); new_data the row after (null on DELETE)
-- Rows go when their user is deleted (cascade), like the rest of the user's data.
create table public.audit_log (
  id         uuid        primary key default gen_random_uuid(),
  user_id    uuid        not null references auth.users (id) on delete cascade,
  actor_id   uuid,
  actor_role text,
  action     text        not null,
  table_name text        not null,
  record_id  uuid,
  record_key jsonb       not null,
  old_data   jsonb,
  new_data   jsonb,
  created_at timestamptz not null default now(),
  constraint audit_log_action_check check (action in ('INSERT', 'UPDATE', 'DELETE')),
  -- Stated per action, so an unknown action fails audit_log_action_check alone.
  constraint audit_log_data_matches_action_check check (
    (action <> 'INSERT' or (old_data is null and new_data is not null)) and
    (action <> 'UPDATE' or (old_data is not null and new_data is not null)) and
    (action <> 'DELETE' or (old_data is not null and new_data is null))
  ),
  constraint audit_log_record_key_object_check check (jsonb_typeof(record_key) = 'object')
);

-- A user's audit trail, newest first (the RLS index).
create index idx_audit_log_user_created
  on public.audit_log (user_id, created_at desc);

-- Decisions:
--   * An UPDATE that changes nothing but updated_at (which public.set_updated_at() bumps on
--     every update) is not audited: it records no change.
--   * A DELETE whose owner no longer exists in auth.users is the cascade of that user's
--     deletion; it is not audited, since the user's audit rows are being deleted too (and an
--     audit row for a deleted user would violate audit_log's foreign key).
--   * The primary key is read from the catalog, so the function needs no per-table argument
--     and stays right if a key changes.
create function audit.log_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  old_row   jsonb := case when tg_op in ('UPDATE', 'DELETE') then pg_catalog.to_jsonb(old) end;
  new_row   jsonb := case when tg_op in ('INSERT', 'UPDATE') then pg_catalog.to_jsonb(new) end;
  row_data  jsonb := coalesce(new_row, old_row);
  owner_id  uuid  := (row_data ->> 'user_id')::uuid;
  subject   text  := nullif(pg_catalog.current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub';
  key_names text[];
  key_is_uuid_id boolean;
begin
  if tg_op = 'UPDATE' and (old_row - 'updated_at') = (new_row - 'updated_at') then
    return null;
  end if;

  if tg_op = 'DELETE' and not exists (select from auth.users u where u.id = owner_id) then
    return null;
  end if;

  select pg_catalog.array_agg(a.attname::text order by k.ordinality),
         pg_catalog.count(*) = 1 and pg_catalog.bool_and(a.attname = 'id' and a.atttypid = 'uuid'::regtype)
    into key_names, key_is_uuid_id
    from pg_catalog.pg_index i
    cross join lateral pg_catalog.unnest(i.indkey::smallint[]) with ordinality as k(attnum, ordinality)
    join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
   where i.indrelid = tg_relid and i.indisprimary;

  insert into public.audit_log
    (user_id, actor_id, actor_role, action, table_name, record_id, record_key, old_data, new_data)
  values (
    owner_id,
    -- auth.uid() without its cast error: a service token's subject need not be a uuid, and a
    -- service_role write must not fail for that.
    case when subject ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then subject::uuid end,
    coalesce(nullif(pg_catalog.current_setting('role', true), 'none'), session_user),
    tg_op,
    tg_table_name,
    case when key_is_uuid_id then (row_data ->> 'id')::uuid end,
    (select pg_catalog.jsonb_object_agg(n, row_data -> n) from pg_catalog.unnest(key_names) as n),
    old_row,
    new_row
  );

  return null;
end
$$;

comment on function audit.log_change() is
  'AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW trigger on user tables: writes one public.audit_log row per changed row.';

-- Triggers are fired without an EXECUTE check for the acting role, so nobody needs it.
revoke all on function audit.log_change() from public;

create trigger audit_log_change
  after insert or update or delete on public.user_profiles
  for each row execute function audit.log_change();

create trigger audit_log_change
  after insert or update or delete on public.portfolios
  for each row execute function audit.log_change();

create trigger audit_log_change
  after insert or update or delete on public.transactions
  for each row execute function audit.log_change();

create trigger audit_log_change
  after insert or update or delete on public.holdings
  for each row execute function audit.log_change();

create trigger audit_log_change
  after insert or update or delete on public.watchlist
  for each row execute function audit.log_change();

create trigger audit_log_change
  after insert or update or delete on public.price_alerts
  for each row execute function audit.log_change();

create trigger audit_log_change
  after insert or update or delete on public.user_dividends
  for each row execute function audit.log_change();

create trigger audit_log_change
  after insert or update or delete on public.dividend_sync_state
  for each row execute function audit.log_change();
