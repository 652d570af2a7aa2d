-- Undo 002 auth schema. No CASCADE: anything unexpected that depends on these objects
-- makes the rollback fail instead of being dropped silently.

drop function auth.role();
drop function auth.uid();
drop function auth.jwt();
drop table auth.refresh_tokens;
drop table auth.users;
drop function public.set_updated_at();
drop schema auth;
