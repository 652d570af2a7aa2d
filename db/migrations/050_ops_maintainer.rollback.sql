-- Undo 050 ops_maintainer. The role is cluster-wide: it is left (with a notice) while anything
-- in the cluster still refers to it.

revoke execute on function public.rls_status(), public.rls_violations() from backup_reader;
drop function ops.analyze_tables(text[]);
drop function ops.archive_audit_rows(timestamptz, integer);
drop function ops.delete_expired_rows(text, integer);
revoke select, insert, update on table ops.job_runs from ops_maintainer;
revoke usage on schema ops from ops_maintainer;

do $$
begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'ops_maintainer') then
    return;
  end if;
  if exists (select from pg_catalog.pg_shdepend d
             join pg_catalog.pg_roles r on r.oid = d.refobjid
             where d.refclassid = 'pg_catalog.pg_authid'::regclass and r.rolname = 'ops_maintainer') then
    raise notice 'ops_maintainer is still used by objects or grants in this cluster; leaving it';
    return;
  end if;
  drop role ops_maintainer;
end
$$;
