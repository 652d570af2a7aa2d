-- 016 RLS validation: the specification's validate_rls_policies() / test_rls_enforcement() as
-- two catalog queries that tests and operators run (as service_role or the superuser).
--
-- They read pg_catalog only, which every role may read, so they are plain SECURITY INVOKER
-- functions; execute is granted to service_role alone because they describe the security
-- set-up of every table. Tables are those of schema public (ordinary and partitioned).
--
-- public.schema_migrations is exempt from rls_violations(): it is the migrator's journal,
-- created by the migrator itself (not by a migration), owned by the migrating superuser and
-- revoked from public, so no API role can reach it and RLS on it would protect nothing.

-- One row per table: is RLS enabled and forced, which policies exist, for which roles.
create function public.rls_status()
returns table (table_name text, rls_enabled boolean, rls_forced boolean, policies text[], policy_roles text[])
language sql
stable
set search_path = ''
as $$
  select
    c.relname::text,
    c.relrowsecurity,
    c.relforcerowsecurity,
    coalesce((select pg_catalog.array_agg(p.polname::text order by p.polname)
                from pg_catalog.pg_policy p
               where p.polrelid = c.oid), '{}'),
    coalesce((select pg_catalog.array_agg(distinct case when r.role_oid = 0 then 'public' else pg_catalog.pg_get_userbyid(r.role_oid)::text end)
                from pg_catalog.pg_policy p
               cross join lateral pg_catalog.unnest(p.polroles) as r(role_oid)
               where p.polrelid = c.oid), '{}')
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind in ('r', 'p')
  order by c.relname
$$;

-- Every problem found, one row each; no rows means healthy:
--   RLS not enabled / not forced; no policy; a policy for PUBLIC (every role, anon included);
--   any privilege for anon; a user table (one with a user_id column) without an index whose
--   first column is user_id (the policies filter on it).
create function public.rls_violations()
returns table (table_name text, problem text)
language sql
stable
set search_path = ''
as $$
  with tables as (
    select c.oid, c.relname::text as table_name, c.relrowsecurity, c.relforcerowsecurity
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'schema_migrations'
  )
  select t.table_name, 'row level security is not enabled' from tables t where not t.relrowsecurity
  union all
  select t.table_name, 'row level security is not forced' from tables t where not t.relforcerowsecurity
  union all
  select t.table_name, 'has no policy' from tables t
   where not exists (select from pg_catalog.pg_policy p where p.polrelid = t.oid)
  union all
  select t.table_name, 'policy ' || p.polname || ' applies to PUBLIC' from tables t
    join pg_catalog.pg_policy p on p.polrelid = t.oid
   where 0::oid = any (p.polroles)
  union all
  select t.table_name, 'anon has a privilege on it' from tables t
   where pg_catalog.has_table_privilege('anon', t.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
  union all
  select t.table_name, 'has a user_id column but no index whose first column is user_id' from tables t
    join pg_catalog.pg_attribute a on a.attrelid = t.oid and a.attname = 'user_id' and not a.attisdropped
   where not exists (select from pg_catalog.pg_index i
                      where i.indrelid = t.oid and i.indkey[0] = a.attnum)
  order by 1, 2
$$;

comment on function public.rls_status() is
  'One row per table of schema public: RLS enabled, forced, policy names and the roles they apply to.';
comment on function public.rls_violations() is
  'Every RLS problem of schema public (schema_migrations exempt), one row each; empty means healthy.';

revoke all on function public.rls_status(), public.rls_violations() from public;
grant execute on function public.rls_status(), public.rls_violations() to service_role;
