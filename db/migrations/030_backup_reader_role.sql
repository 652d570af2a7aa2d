-- 030 backup_reader: the login role the operator's backups run as.
--
--   backup_reader  LOGIN BYPASSRLS, member of pg_read_all_data, read-only by default
--
-- BYPASSRLS because pg_dump must see every row: it turns row_security off and then fails on
-- any table whose policies would hide rows from it, which is the loud failure we want for a
-- role without it (pg_dump --enable-row-security would instead dump a silent subset).
-- pg_read_all_data gives SELECT on every table and USAGE on every schema, now and later, and
-- nothing else; default_transaction_read_only makes any write attempt fail as well.
-- Roles are cluster-wide: create it only if missing (another database may have made it).
-- The password is not set here: the operator tool sets it from .local/secrets.

do $$
begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'backup_reader') then
    begin
      create role backup_reader login inherit bypassrls nosuperuser nocreatedb nocreaterole noreplication;
    exception when duplicate_object then
      null; -- created concurrently by a migration of another database
    end;
  end if;
end
$$;

grant pg_read_all_data to backup_reader;
alter role backup_reader set default_transaction_read_only = on;
