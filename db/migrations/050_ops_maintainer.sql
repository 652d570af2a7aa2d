-- 050 ops_maintainer: what the operations service's scheduled maintenance and job journal run
-- as, so that service connects as authenticator like every other one and holds no owner login.
--
--   ops_maintainer  NOLOGIN NOINHERIT, granted to authenticator; no BYPASSRLS, owns nothing
--
-- It may do exactly what the schedule needs and nothing else:
--   * the job journal: select, insert and update ops.job_runs (the claim and the outcome);
--   * delete expired cache rows, archive old audit rows and ANALYZE, each only through a
--     SECURITY DEFINER function below (owned by the migrating owner, EXECUTE for this role
--     alone), so no user's row ever reaches the role and it cannot delete a live one.
-- ANALYZE may run inside a function; VACUUM may not (it refuses any transaction block), so
-- the service leaves VACUUM to autovacuum and the operator CLI's `maintain`, run with the
-- owner's credentials, keeps it.
--
-- The monthly integrity check reads every row, read-only: the service runs it as the
-- backup_reader login (030: BYPASSRLS, read-only), which needs EXECUTE on the RLS validation
-- functions of 016 for that.
-- Roles are cluster-wide: create it only if missing.

do $$
begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'ops_maintainer') then
    begin
      create role ops_maintainer nologin noinherit nosuperuser nocreatedb nocreaterole noreplication nobypassrls;
    exception when duplicate_object then
      null; -- created concurrently by a migration of another database
    end;
  end if;
  if exists (select from pg_catalog.pg_roles where rolname = 'ops_maintainer'
             and (rolsuper or rolcreaterole or rolcreatedb or rolreplication or rolbypassrls or rolcanlogin)) then
    raise exception 'ops_maintainer exists with more than maintenance needs (login, superuser, create role/db, replication or bypassrls)';
  end if;
  if not pg_catalog.pg_has_role('authenticator', 'ops_maintainer', 'member') then
    begin
      grant ops_maintainer to authenticator;
    exception when unique_violation then
      null; -- granted meanwhile by a migration of another database
    end;
  end if;
end
$$;

grant usage on schema ops to ops_maintainer;
grant select, insert, update on table ops.job_runs to ops_maintainer;

-- Deletes up to batch_size expired rows (expires_at <= now()) of one of the suite's cache
-- tables; returns how many. Any other table is refused.
create function ops.delete_expired_rows(table_name text, batch_size integer)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  deleted bigint;
begin
  if table_name is null or table_name not in ('api_cache', 'portfolio_metrics_cache', 'portfolio_caches', 'user_currency_cache') then
    raise exception 'not a cache table with an expiry: %', table_name using errcode = '22023';
  end if;
  if batch_size is null or batch_size < 1 then
    raise exception 'batch_size must be positive' using errcode = '22023';
  end if;
  execute format(
    'delete from public.%I where ctid = any (array(select ctid from public.%I where expires_at <= pg_catalog.now() limit $1))',
    table_name, table_name) using batch_size;
  get diagnostics deleted = row_count;
  return deleted;
end
$$;

-- Moves up to batch_size audit rows created before cutoff into audit.audit_log_archive in one
-- statement (so in the caller's one transaction: nothing lost or doubled); returns how many.
create function ops.archive_audit_rows(cutoff timestamptz, batch_size integer)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  moved bigint;
begin
  if cutoff is null or batch_size is null or batch_size < 1 then
    raise exception 'cutoff and a positive batch_size are required' using errcode = '22023';
  end if;
  with gone as (
    delete from public.audit_log
    where id = any (array(select a.id from public.audit_log a where a.created_at < cutoff order by a.created_at limit batch_size for update skip locked))
    returning id, user_id, actor_id, actor_role, action, table_name, record_id, record_key, old_data, new_data, created_at, erased_at
  )
  insert into audit.audit_log_archive (id, user_id, actor_id, actor_role, action, table_name, record_id, record_key, old_data, new_data, created_at, erased_at)
  select * from gone;
  get diagnostics moved = row_count;
  return moved;
end
$$;

-- ANALYZE of the named tables of schema public, or of the whole database when tables is null.
create function ops.analyze_tables(tables text[])
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  name text;
begin
  if tables is null then
    analyze;
    return;
  end if;
  foreach name in array tables loop
    if not exists (select from pg_catalog.pg_tables t where t.schemaname = 'public' and t.tablename = name) then
      raise exception 'no table public.%', name using errcode = '42P01';
    end if;
    execute format('analyze public.%I', name);
  end loop;
end
$$;

revoke all on function ops.delete_expired_rows(text, integer), ops.archive_audit_rows(timestamptz, integer), ops.analyze_tables(text[]) from public;
grant execute on function ops.delete_expired_rows(text, integer), ops.archive_audit_rows(timestamptz, integer), ops.analyze_tables(text[]) to ops_maintainer;

grant execute on function public.rls_status(), public.rls_violations() to backup_reader;
