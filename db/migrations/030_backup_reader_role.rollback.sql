-- Undo 030 backup_reader. The role is cluster-wide: leave it (with a notice) while it still
-- owns or is granted something anywhere in the cluster, or somebody is connected as it.

do $$
begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'backup_reader') then
    return;
  end if;
  if exists (select from pg_catalog.pg_shdepend d
             join pg_catalog.pg_roles r on r.oid = d.refobjid
             where d.refclassid = 'pg_catalog.pg_authid'::regclass and r.rolname = 'backup_reader') then
    raise notice 'backup_reader is still used by objects or grants in this cluster; leaving it';
    return;
  end if;
  if exists (select from pg_catalog.pg_stat_activity where usename = 'backup_reader') then
    raise notice 'sessions are connected as backup_reader; leaving it';
    return;
  end if;
  drop role backup_reader;
end
$$;
