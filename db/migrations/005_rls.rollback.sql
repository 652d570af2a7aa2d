-- Undo 005 RLS: revoke the grants, drop the policies, disable RLS, in reverse order.

-- stocks
revoke all on table public.stocks from authenticated, service_role;
drop policy stocks_service_role_all on public.stocks;
drop policy stocks_select_authenticated on public.stocks;
alter table public.stocks no force row level security;
alter table public.stocks disable row level security;

-- user_dividends
revoke all on table public.user_dividends from authenticated, service_role;
drop policy user_dividends_service_role_all on public.user_dividends;
drop policy user_dividends_delete_own on public.user_dividends;
drop policy user_dividends_update_own on public.user_dividends;
drop policy user_dividends_insert_own on public.user_dividends;
drop policy user_dividends_select_own on public.user_dividends;
alter table public.user_dividends no force row level security;
alter table public.user_dividends disable row level security;

-- transactions
revoke all on table public.transactions from authenticated, service_role;
drop policy transactions_service_role_all on public.transactions;
drop policy transactions_delete_own on public.transactions;
drop policy transactions_update_own on public.transactions;
drop policy transactions_insert_own on public.transactions;
drop policy transactions_select_own on public.transactions;
alter table public.transactions no force row level security;
alter table public.transactions disable row level security;

-- portfolios
revoke all on table public.portfolios from authenticated, service_role;
drop policy portfolios_service_role_all on public.portfolios;
drop policy portfolios_delete_own on public.portfolios;
drop policy portfolios_update_own on public.portfolios;
drop policy portfolios_insert_own on public.portfolios;
drop policy portfolios_select_own on public.portfolios;
alter table public.portfolios no force row level security;
alter table public.portfolios disable row level security;

-- user_profiles
revoke all on table public.user_profiles from authenticated, service_role;
drop policy user_profiles_service_role_all on public.user_profiles;
drop policy user_profiles_delete_own on public.user_profiles;
drop policy user_profiles_update_own on public.user_profiles;
drop policy user_profiles_insert_own on public.user_profiles;
drop policy user_profiles_select_own on public.user_profiles;
alter table public.user_profiles no force row level security;
alter table public.user_profiles disable row level security;

revoke usage on schema public from authenticated, service_role;
