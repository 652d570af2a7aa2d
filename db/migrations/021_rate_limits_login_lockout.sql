-- 021 login lockout: the gateway (auth_admin) counts login attempts per account in
-- rate_limits, action 'login'. auth_admin has no BYPASSRLS, and rate_limits forces RLS, so it
-- gets a policy of its own that admits those rows only: it can neither read nor write any other
-- action's rows, and users (authenticated) keep reaching only their own.
grant usage on schema public to auth_admin;
grant select, insert, update, delete on table public.rate_limits to auth_admin;

create policy rate_limits_auth_admin_login on public.rate_limits
  for all to auth_admin using (action = 'login') with check (action = 'login');
