-- Undo 001 roles. Roles are cluster-wide and work as one set (authenticator is useful only
-- with the others): another database of this cluster may still use them. So drop all five
-- only when none of them is referenced anywhere in the cluster (pg_shdepend is cluster-wide:
-- owned objects, grants, policies, in every database) and nobody is connected as one of them;
-- otherwise leave all five with a notice.
-- Dropping a role also removes its memberships, so no separate REVOKE is needed.
-- Nothing here uses DROP OWNED: it would destroy objects of other migrations or databases.

do $$
declare
  api_roles constant text[] := array['authenticator', 'auth_admin', 'service_role', 'authenticated', 'anon'];
  role_name text;
begin
  if exists (select from pg_catalog.pg_shdepend d
             join pg_catalog.pg_roles r on r.oid = d.refobjid
             where d.refclassid = 'pg_catalog.pg_authid'::regclass and r.rolname = any (api_roles)) then
    raise notice 'the API roles are still used by objects or grants in this cluster; leaving them';
    return;
  end if;

  if exists (select from pg_catalog.pg_stat_activity where usename = any (api_roles)) then
    raise notice 'sessions are connected as an API role; leaving the roles';
    return;
  end if;

  foreach role_name in array api_roles
  loop
    if exists (select from pg_catalog.pg_roles where rolname = role_name) then
      execute format('drop role %I', role_name);
    end if;
  end loop;
end
$$;
