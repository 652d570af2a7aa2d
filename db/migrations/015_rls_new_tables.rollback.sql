-- Undo 015 RLS: revoke the grants, drop the policies, disable RLS, in reverse order.

-- circuit_breaker_state
revoke all on table public.circuit_breaker_state from service_role;
drop policy circuit_breaker_state_service_role_all on public.circuit_breaker_state;
alter table public.circuit_breaker_state no force row level security;
alter table public.circuit_breaker_state disable row level security;

-- api_usage
revoke all on table public.api_usage from service_role;
drop policy api_usage_service_role_all on public.api_usage;
alter table public.api_usage no force row level security;
alter table public.api_usage disable row level security;

-- api_cache
revoke all on table public.api_cache from service_role;
drop policy api_cache_service_role_all on public.api_cache;
alter table public.api_cache no force row level security;
alter table public.api_cache disable row level security;

-- market_holidays
revoke all on table public.market_holidays from authenticated, service_role;
drop policy market_holidays_service_role_all on public.market_holidays;
drop policy market_holidays_select_authenticated on public.market_holidays;
alter table public.market_holidays no force row level security;
alter table public.market_holidays disable row level security;

-- symbol_exchanges
revoke all on table public.symbol_exchanges from authenticated, service_role;
drop policy symbol_exchanges_service_role_all on public.symbol_exchanges;
drop policy symbol_exchanges_select_authenticated on public.symbol_exchanges;
alter table public.symbol_exchanges no force row level security;
alter table public.symbol_exchanges disable row level security;

-- forex_rates
revoke all on table public.forex_rates from authenticated, service_role;
drop policy forex_rates_service_role_all on public.forex_rates;
drop policy forex_rates_select_authenticated on public.forex_rates;
alter table public.forex_rates no force row level security;
alter table public.forex_rates disable row level security;

-- company_financials
revoke all on table public.company_financials from authenticated, service_role;
drop policy company_financials_service_role_all on public.company_financials;
drop policy company_financials_select_authenticated on public.company_financials;
alter table public.company_financials no force row level security;
alter table public.company_financials disable row level security;

-- historical_prices
revoke all on table public.historical_prices from authenticated, service_role;
drop policy historical_prices_service_role_all on public.historical_prices;
drop policy historical_prices_select_authenticated on public.historical_prices;
alter table public.historical_prices no force row level security;
alter table public.historical_prices disable row level security;

-- audit_log
revoke all on table public.audit_log from authenticated, service_role;
drop policy audit_log_service_role_all on public.audit_log;
drop policy audit_log_select_own on public.audit_log;
alter table public.audit_log no force row level security;
alter table public.audit_log disable row level security;

-- rate_limits
revoke all on table public.rate_limits from authenticated, service_role;
drop policy rate_limits_service_role_all on public.rate_limits;
drop policy rate_limits_delete_own on public.rate_limits;
drop policy rate_limits_update_own on public.rate_limits;
drop policy rate_limits_insert_own on public.rate_limits;
drop policy rate_limits_select_own on public.rate_limits;
alter table public.rate_limits no force row level security;
alter table public.rate_limits disable row level security;

-- user_currency_cache
revoke all on table public.user_currency_cache from authenticated, service_role;
drop policy user_currency_cache_service_role_all on public.user_currency_cache;
drop policy user_currency_cache_delete_own on public.user_currency_cache;
drop policy user_currency_cache_update_own on public.user_currency_cache;
drop policy user_currency_cache_insert_own on public.user_currency_cache;
drop policy user_currency_cache_select_own on public.user_currency_cache;
alter table public.user_currency_cache no force row level security;
alter table public.user_currency_cache disable row level security;

-- portfolio_metrics_cache
revoke all on table public.portfolio_metrics_cache from authenticated, service_role;
drop policy portfolio_metrics_cache_service_role_all on public.portfolio_metrics_cache;
drop policy portfolio_metrics_cache_delete_own on public.portfolio_metrics_cache;
drop policy portfolio_metrics_cache_update_own on public.portfolio_metrics_cache;
drop policy portfolio_metrics_cache_insert_own on public.portfolio_metrics_cache;
drop policy portfolio_metrics_cache_select_own on public.portfolio_metrics_cache;
alter table public.portfolio_metrics_cache no force row level security;
alter table public.portfolio_metrics_cache disable row level security;

-- portfolio_caches
revoke all on table public.portfolio_caches from authenticated, service_role;
drop policy portfolio_caches_service_role_all on public.portfolio_caches;
drop policy portfolio_caches_delete_own on public.portfolio_caches;
drop policy portfolio_caches_update_own on public.portfolio_caches;
drop policy portfolio_caches_insert_own on public.portfolio_caches;
drop policy portfolio_caches_select_own on public.portfolio_caches;
alter table public.portfolio_caches no force row level security;
alter table public.portfolio_caches disable row level security;

-- dividend_sync_state
revoke all on table public.dividend_sync_state from authenticated, service_role;
drop policy dividend_sync_state_service_role_all on public.dividend_sync_state;
drop policy dividend_sync_state_delete_own on public.dividend_sync_state;
drop policy dividend_sync_state_update_own on public.dividend_sync_state;
drop policy dividend_sync_state_insert_own on public.dividend_sync_state;
drop policy dividend_sync_state_select_own on public.dividend_sync_state;
alter table public.dividend_sync_state no force row level security;
alter table public.dividend_sync_state disable row level security;

-- price_alerts
revoke all on table public.price_alerts from authenticated, service_role;
drop policy price_alerts_service_role_all on public.price_alerts;
drop policy price_alerts_delete_own on public.price_alerts;
drop policy price_alerts_update_own on public.price_alerts;
drop policy price_alerts_insert_own on public.price_alerts;
drop policy price_alerts_select_own on public.price_alerts;
alter table public.price_alerts no force row level security;
alter table public.price_alerts disable row level security;

-- watchlist
revoke all on table public.watchlist from authenticated, service_role;
drop policy watchlist_service_role_all on public.watchlist;
drop policy watchlist_delete_own on public.watchlist;
drop policy watchlist_update_own on public.watchlist;
drop policy watchlist_insert_own on public.watchlist;
drop policy watchlist_select_own on public.watchlist;
alter table public.watchlist no force row level security;
alter table public.watchlist disable row level security;

-- holdings
revoke all on table public.holdings from authenticated, service_role;
drop policy holdings_service_role_all on public.holdings;
drop policy holdings_delete_own on public.holdings;
drop policy holdings_update_own on public.holdings;
drop policy holdings_insert_own on public.holdings;
drop policy holdings_select_own on public.holdings;
alter table public.holdings no force row level security;
alter table public.holdings disable row level security;
