drop policy rate_limits_auth_admin_login on public.rate_limits;
revoke all on table public.rate_limits from auth_admin;
revoke usage on schema public from auth_admin;
