-- Undo 033 ops_monitor. The schema goes with its functions; the role is cluster-wide, so it
-- is left (with a notice) while anything in the cluster still refers to it or a session uses it.

drop schema ops cascade;

do $$
begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'ops_monitor') then
    return;
  end if;
  if exists (select from pg_catalog.pg_shdepend d
             join pg_catalog.pg_roles r on r.oid = d.refobjid
             where d.refclassid = 'pg_catalog.pg_authid'::regclass and r.rolname = 'ops_monitor') then
    raise notice 'ops_monitor is still used by objects or grants in this cluster; leaving it';
    return;
  end if;
  if exists (select from pg_catalog.pg_stat_activity where usename = 'ops_monitor') then
    raise notice 'sessions are connected as ops_monitor; leaving it';
    return;
  end if;
  drop role ops_monitor;
end
$$;
