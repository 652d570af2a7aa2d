-- 033 ops_monitor: the least-privilege login the health report and its gauges run as.
--
--   ops_monitor  LOGIN INHERIT, member of pg_monitor; nothing else
--
-- pg_monitor reads the server's statistics (pg_stat_activity with other sessions' queries,
-- pg_stat_statements, table and index statistics, sizes) and nothing of the data. The few
-- figures the report needs from the suite's own tables come through the SECURITY DEFINER
-- functions of schema ops below, which return counts and provider state only: no user's rows,
-- no ids. INHERIT because pg_monitor's privileges only count for members that inherit them.
-- Roles are cluster-wide: create it only if missing. Its password is not set here: the
-- operator tool and the operations service set it from .local/secrets.

do $$
begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'ops_monitor') then
    begin
      create role ops_monitor login inherit nosuperuser nocreatedb nocreaterole noreplication nobypassrls connection limit 5;
    exception when duplicate_object then
      null; -- created concurrently by a migration of another database
    end;
  end if;
  if exists (select from pg_catalog.pg_roles where rolname = 'ops_monitor'
             and (rolsuper or rolcreaterole or rolcreatedb or rolreplication or rolbypassrls)) then
    raise exception 'ops_monitor exists with more than a monitoring login needs (superuser, create role/db, replication or bypassrls)';
  end if;
end
$$;

grant pg_monitor to ops_monitor;
alter role ops_monitor set default_transaction_read_only = on;

-- Operations' own objects; no API role reaches this schema.
create schema ops;
revoke all on schema ops from public;
grant usage on schema ops to ops_monitor;

-- Statement statistics for the report's slowest statements (the server must also preload the
-- library: the run command's and the tests' PostgreSQL do). Kept in ops, unless a database
-- already has it elsewhere; the report finds it wherever it is.
create extension if not exists pg_stat_statements with schema ops;

-- The metrics cache as counts: entries computed (each one a miss), hits served from them,
-- and how many are live, expired or invalidated.
create function ops.metrics_cache_stats()
returns table (entries bigint, hits bigint, live bigint, expired bigint, invalidated bigint)
language sql
stable
security definer
set search_path = ''
as $$
  select pg_catalog.count(*),
         coalesce(pg_catalog.sum(hit_count), 0)::bigint,
         pg_catalog.count(*) filter (where invalidated_at is null and expires_at > pg_catalog.now()),
         pg_catalog.count(*) filter (where expires_at <= pg_catalog.now()),
         pg_catalog.count(*) filter (where invalidated_at is not null)
  from public.portfolio_metrics_cache
$$;

-- Provider calls per service on one day (the provider's quota day).
create function ops.provider_usage(on_date date)
returns table (service text, call_count integer)
language sql
stable
security definer
set search_path = ''
as $$
  select u.service::text, u.call_count from public.api_usage u where u.date = on_date order by 1
$$;

-- Each provider's circuit breaker as persisted by MarketData.
create function ops.circuit_breakers()
returns table (service_name text, circuit_state text, failure_count integer, last_failure_time timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select b.service_name::text, b.circuit_state::text, b.failure_count, b.last_failure_time
  from public.circuit_breaker_state b order by 1
$$;

revoke all on function ops.metrics_cache_stats(), ops.provider_usage(date), ops.circuit_breakers() from public;
grant execute on function ops.metrics_cache_stats(), ops.provider_usage(date), ops.circuit_breakers() to ops_monitor;
