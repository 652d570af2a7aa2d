-- 001 roles: the Supabase/PostgREST role model.
--
--   anon           NOLOGIN            requests without a token; gets no privileges at all
--   authenticated  NOLOGIN            a signed-in user; rows filtered by RLS on auth.uid()
--   service_role   NOLOGIN BYPASSRLS  server-side jobs (market data ingestion, dividend sync)
--   auth_admin     NOLOGIN            the gateway's role for its own auth.* tables (no BYPASSRLS)
--   authenticator  LOGIN NOINHERIT    what services connect as; it has no privileges of its own
--                                     and switches per transaction with set_config('role', ..., true)
--
-- Roles are cluster-wide, so several databases of one cluster share them: create each only
-- if it is missing. A concurrent migration of another database can create the same role
-- between our check and our insert, hence "create, and treat already-exists as success".
-- The password of authenticator is not set here: the migrator sets it from configuration.

do $$
declare
  r record;
begin
  for r in
    select * from (values
      ('anon',          'nologin noinherit'),
      ('authenticated', 'nologin noinherit'),
      ('service_role',  'nologin noinherit bypassrls'),
      ('auth_admin',    'nologin noinherit'),
      ('authenticator', 'login noinherit')
    ) as wanted(name, attributes)
  loop
    if not exists (select from pg_catalog.pg_roles where rolname = r.name) then
      begin
        execute format('create role %I %s', r.name, r.attributes);
      exception when duplicate_object or unique_violation then
        null; -- created meanwhile by a migration of another database
      end;
    end if;
  end loop;
end
$$;

-- A role that already existed keeps its attributes; refuse to build on one that is unsafe
-- rather than silently changing a role other databases may rely on.
do $$
begin
  if exists (select from pg_catalog.pg_roles
             where rolname in ('anon', 'authenticated', 'service_role', 'auth_admin', 'authenticator')
               and (rolsuper or rolcreaterole or rolcreatedb or rolreplication)) then
    raise exception 'an API role (anon, authenticated, service_role, auth_admin, authenticator) is a superuser or may create roles, databases or replicate';
  end if;
  if exists (select from pg_catalog.pg_roles
             where rolname in ('anon', 'authenticated', 'auth_admin', 'authenticator') and rolbypassrls) then
    raise exception 'only service_role may bypass row-level security';
  end if;
  if not exists (select from pg_catalog.pg_roles where rolname = 'service_role' and rolbypassrls) then
    raise exception 'service_role exists without BYPASSRLS';
  end if;
  if exists (select from pg_catalog.pg_roles where rolname = 'authenticator' and (rolinherit or not rolcanlogin)) then
    raise exception 'authenticator must be LOGIN NOINHERIT';
  end if;
end
$$;

-- authenticator may become each of them (NOINHERIT: only after switching role).
do $$
declare
  member_of text;
begin
  foreach member_of in array array['anon', 'authenticated', 'service_role', 'auth_admin']
  loop
    if not pg_catalog.pg_has_role('authenticator', member_of, 'member') then
      begin
        execute format('grant %I to authenticator', member_of);
      exception when unique_violation then
        null; -- granted meanwhile by a migration of another database
      end;
    end if;
  end loop;
end
$$;
