-- Operator check of row-level security, run as the superuser or service_role:
--   psql "host=127.0.0.1 port=55432 dbname=portfolio user=postgres" -f db/validation/rls-check.sql
-- The first query must return no rows; the second shows every table's RLS flags and policies.
select table_name, problem from public.rls_violations() order by table_name;
select table_name, rls_enabled, rls_forced, policies from public.rls_status() order by table_name;
