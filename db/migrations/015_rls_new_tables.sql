-- 015 RLS for the tables of 008-014, in the shape of 005: enabled and forced, policies per
-- role, grants as narrow as the policies, nothing at all for anon.
--
--   user tables    authenticated: select/insert/update/delete where (select auth.uid()) = user_id
--                  service_role: all
--   audit_log      authenticated: select own rows only; service_role: select, insert, delete
--                  (no update: audit rows are never rewritten; delete is for retention and
--                  erasure). The trigger of 014 writes it as its owner, past RLS.
--   market tables  authenticated: select; service_role: all
--   system tables  service_role only
-- service_role has BYPASSRLS; its explicit policies document the intent (see 005).

-- holdings
alter table public.holdings enable row level security;
alter table public.holdings force row level security;

create policy holdings_select_own on public.holdings
  for select to authenticated using ((select auth.uid()) = user_id);
create policy holdings_insert_own on public.holdings
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy holdings_update_own on public.holdings
  for update to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy holdings_delete_own on public.holdings
  for delete to authenticated using ((select auth.uid()) = user_id);
create policy holdings_service_role_all on public.holdings
  for all to service_role using (true) with check (true);

grant select, insert, update, delete on table public.holdings to authenticated;
grant all on table public.holdings to service_role;

-- watchlist
alter table public.watchlist enable row level security;
alter table public.watchlist force row level security;

create policy watchlist_select_own on public.watchlist
  for select to authenticated using ((select auth.uid()) = user_id);
create policy watchlist_insert_own on public.watchlist
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy watchlist_update_own on public.watchlist
  for update to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy watchlist_delete_own on public.watchlist
  for delete to authenticated using ((select auth.uid()) = user_id);
create policy watchlist_service_role_all on public.watchlist
  for all to service_role using (true) with check (true);

grant select, insert, update, delete on table public.watchlist to authenticated;
grant all on table public.watchlist to service_role;

-- price_alerts
alter table public.price_alerts enable row level security;
alter table public.price_alerts force row level security;

create policy price_alerts_select_own on public.price_alerts
  for select to authenticated using ((select auth.uid()) = user_id);
create policy price_alerts_insert_own on public.price_alerts
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy price_alerts_update_own on public.price_alerts
  for update to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy price_alerts_delete_own on public.price_alerts
  for delete to authenticated using ((select auth.uid()) = user_id);
create policy price_alerts_service_role_all on public.price_alerts
  for all to service_role using (true) with check (true);

grant select, insert, update, delete on table public.price_alerts to authenticated;
grant all on table public.price_alerts to service_role;

-- dividend_sync_state
alter table public.dividend_sync_state enable row level security;
alter table public.dividend_sync_state force row level security;

create policy dividend_sync_state_select_own on public.dividend_sync_state
  for select to authenticated using ((select auth.uid()) = user_id);
create policy dividend_sync_state_insert_own on public.dividend_sync_state
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy dividend_sync_state_update_own on public.dividend_sync_state
  for update to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy dividend_sync_state_delete_own on public.dividend_sync_state
  for delete to authenticated using ((select auth.uid()) = user_id);
create policy dividend_sync_state_service_role_all on public.dividend_sync_state
  for all to service_role using (true) with check (true);

grant select, insert, update, delete on table public.dividend_sync_state to authenticated;
grant all on table public.dividend_sync_state to service_role;

-- portfolio_caches
alter table public.portfolio_caches enable row level security;
alter table public.portfolio_caches force row level security;

create policy portfolio_caches_select_own on public.portfolio_caches
  for select to authenticated using ((select auth.uid()) = user_id);
create policy portfolio_caches_insert_own on public.portfolio_caches
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy portfolio_caches_update_own on public.portfolio_caches
  for update to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy portfolio_caches_delete_own on public.portfolio_caches
  for delete to authenticated using ((select auth.uid()) = user_id);
create policy portfolio_caches_service_role_all on public.portfolio_caches
  for all to service_role using (true) with check (true);

grant select, insert, update, delete on table public.portfolio_caches to authenticated;
grant all on table public.portfolio_caches to service_role;

-- portfolio_metrics_cache
alter table public.portfolio_metrics_cache enable row level security;
alter table public.portfolio_metrics_cache force row level security;

create policy portfolio_metrics_cache_select_own on public.portfolio_metrics_cache
  for select to authenticated using ((select auth.uid()) = user_id);
create policy portfolio_metrics_cache_insert_own on public.portfolio_metrics_cache
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy portfolio_metrics_cache_update_own on public.portfolio_metrics_cache
  for update to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy portfolio_metrics_cache_delete_own on public.portfolio_metrics_cache
  for delete to authenticated using ((select auth.uid()) = user_id);
create policy portfolio_metrics_cache_service_role_all on public.portfolio_metrics_cache
  for all to service_role using (true) with check (true);

grant select, insert, update, delete on table public.portfolio_metrics_cache to authenticated;
grant all on table public.portfolio_metrics_cache to service_role;

-- user_currency_cache
alter table public.user_currency_cache enable row level security;
alter table public.user_currency_cache force row level security;

create policy user_currency_cache_select_own on public.user_currency_cache
  for select to authenticated using ((select auth.uid()) = user_id);
create policy user_currency_cache_insert_own on public.user_currency_cache
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy user_currency_cache_update_own on public.user_currency_cache
  for update to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy user_currency_cache_delete_own on public.user_currency_cache
  for delete to authenticated using ((select auth.uid()) = user_id);
create policy user_currency_cache_service_role_all on public.user_currency_cache
  for all to service_role using (true) with check (true);

grant select, insert, update, delete on table public.user_currency_cache to authenticated;
grant all on table public.user_currency_cache to service_role;

-- rate_limits
alter table public.rate_limits enable row level security;
alter table public.rate_limits force row level security;

create policy rate_limits_select_own on public.rate_limits
  for select to authenticated using ((select auth.uid()) = user_id);
create policy rate_limits_insert_own on public.rate_limits
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy rate_limits_update_own on public.rate_limits
  for update to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy rate_limits_delete_own on public.rate_limits
  for delete to authenticated using ((select auth.uid()) = user_id);
create policy rate_limits_service_role_all on public.rate_limits
  for all to service_role using (true) with check (true);

grant select, insert, update, delete on table public.rate_limits to authenticated;
grant all on table public.rate_limits to service_role;

-- audit_log (user table, read-only for its user)
alter table public.audit_log enable row level security;
alter table public.audit_log force row level security;

create policy audit_log_select_own on public.audit_log
  for select to authenticated using ((select auth.uid()) = user_id);
create policy audit_log_service_role_all on public.audit_log
  for all to service_role using (true) with check (true);

grant select on table public.audit_log to authenticated;
grant select, insert, delete on table public.audit_log to service_role;

-- historical_prices (market data)
alter table public.historical_prices enable row level security;
alter table public.historical_prices force row level security;

create policy historical_prices_select_authenticated on public.historical_prices
  for select to authenticated using (true);
create policy historical_prices_service_role_all on public.historical_prices
  for all to service_role using (true) with check (true);

grant select on table public.historical_prices to authenticated;
grant all on table public.historical_prices to service_role;

-- company_financials (market data)
alter table public.company_financials enable row level security;
alter table public.company_financials force row level security;

create policy company_financials_select_authenticated on public.company_financials
  for select to authenticated using (true);
create policy company_financials_service_role_all on public.company_financials
  for all to service_role using (true) with check (true);

grant select on table public.company_financials to authenticated;
grant all on table public.company_financials to service_role;

-- forex_rates (market data)
alter table public.forex_rates enable row level security;
alter table public.forex_rates force row level security;

create policy forex_rates_select_authenticated on public.forex_rates
  for select to authenticated using (true);
create policy forex_rates_service_role_all on public.forex_rates
  for all to service_role using (true) with check (true);

grant select on table public.forex_rates to authenticated;
grant all on table public.forex_rates to service_role;

-- symbol_exchanges (market data)
alter table public.symbol_exchanges enable row level security;
alter table public.symbol_exchanges force row level security;

create policy symbol_exchanges_select_authenticated on public.symbol_exchanges
  for select to authenticated using (true);
create policy symbol_exchanges_service_role_all on public.symbol_exchanges
  for all to service_role using (true) with check (true);

grant select on table public.symbol_exchanges to authenticated;
grant all on table public.symbol_exchanges to service_role;

-- market_holidays (market data)
alter table public.market_holidays enable row level security;
alter table public.market_holidays force row level security;

create policy market_holidays_select_authenticated on public.market_holidays
  for select to authenticated using (true);
create policy market_holidays_service_role_all on public.market_holidays
  for all to service_role using (true) with check (true);

grant select on table public.market_holidays to authenticated;
grant all on table public.market_holidays to service_role;

-- api_cache (system)
alter table public.api_cache enable row level security;
alter table public.api_cache force row level security;

create policy api_cache_service_role_all on public.api_cache
  for all to service_role using (true) with check (true);

grant all on table public.api_cache to service_role;

-- api_usage (system)
alter table public.api_usage enable row level security;
alter table public.api_usage force row level security;

create policy api_usage_service_role_all on public.api_usage
  for all to service_role using (true) with check (true);

grant all on table public.api_usage to service_role;

-- circuit_breaker_state (system)
alter table public.circuit_breaker_state enable row level security;
alter table public.circuit_breaker_state force row level security;

create policy circuit_breaker_state_service_role_all on public.circuit_breaker_state
  for all to service_role using (true) with check (true);

grant all on table public.circuit_breaker_state to service_role;
