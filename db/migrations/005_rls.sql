-- 005 RLS: row-level security, policies and grants, as narrow as the policies.
--
-- User tables: authenticated reads and writes only rows whose user_id is its own auth.uid();
-- "(select auth.uid())" is evaluated once per statement (an init plan), not once per row.
-- service_role has BYPASSRLS; its explicit policies document the intent and keep it working
-- should the attribute ever be dropped. Market data (stocks): authenticated reads, only
-- service_role writes. anon is granted nothing.
--
-- FORCE makes the policies apply to the tables' owner as well. The owner here is the
-- migrating superuser, which bypasses RLS regardless, so FORCE matters only if ownership
-- ever moves to a non-superuser role; it is set anyway.

grant usage on schema public to authenticated, service_role;

-- user_profiles
alter table public.user_profiles enable row level security;
alter table public.user_profiles force row level security;

create policy user_profiles_select_own on public.user_profiles
  for select to authenticated using ((select auth.uid()) = user_id);
create policy user_profiles_insert_own on public.user_profiles
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy user_profiles_update_own on public.user_profiles
  for update to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy user_profiles_delete_own on public.user_profiles
  for delete to authenticated using ((select auth.uid()) = user_id);
create policy user_profiles_service_role_all on public.user_profiles
  for all to service_role using (true) with check (true);

grant select, insert, update, delete on table public.user_profiles to authenticated;
grant all on table public.user_profiles to service_role;

-- portfolios
alter table public.portfolios enable row level security;
alter table public.portfolios force row level security;

create policy portfolios_select_own on public.portfolios
  for select to authenticated using ((select auth.uid()) = user_id);
create policy portfolios_insert_own on public.portfolios
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy portfolios_update_own on public.portfolios
  for update to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy portfolios_delete_own on public.portfolios
  for delete to authenticated using ((select auth.uid()) = user_id);
create policy portfolios_service_role_all on public.portfolios
  for all to service_role using (true) with check (true);

grant select, insert, update, delete on table public.portfolios to authenticated;
grant all on table public.portfolios to service_role;

-- transactions
alter table public.transactions enable row level security;
alter table public.transactions force row level security;

create policy transactions_select_own on public.transactions
  for select to authenticated using ((select auth.uid()) = user_id);
create policy transactions_insert_own on public.transactions
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy transactions_update_own on public.transactions
  for update to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy transactions_delete_own on public.transactions
  for delete to authenticated using ((select auth.uid()) = user_id);
create policy transactions_service_role_all on public.transactions
  for all to service_role using (true) with check (true);

grant select, insert, update, delete on table public.transactions to authenticated;
grant all on table public.transactions to service_role;

-- user_dividends
alter table public.user_dividends enable row level security;
alter table public.user_dividends force row level security;

create policy user_dividends_select_own on public.user_dividends
  for select to authenticated using ((select auth.uid()) = user_id);
create policy user_dividends_insert_own on public.user_dividends
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy user_dividends_update_own on public.user_dividends
  for update to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy user_dividends_delete_own on public.user_dividends
  for delete to authenticated using ((select auth.uid()) = user_id);
create policy user_dividends_service_role_all on public.user_dividends
  for all to service_role using (true) with check (true);

grant select, insert, update, delete on table public.user_dividends to authenticated;
grant all on table public.user_dividends to service_role;

-- stocks (market data)
alter table public.stocks enable row level security;
alter table public.stocks force row level security;

create policy stocks_select_authenticated on public.stocks
  for select to authenticated using (true);
create policy stocks_service_role_all on public.stocks
  for all to service_role using (true) with check (true);

grant select on table public.stocks to authenticated;
grant all on table public.stocks to service_role;
