-- 017 price alert trigger price: the close that fired an alert, kept beside triggered_at so a
-- user can see what crossed the target (WatchAlerts and the alert list report it). Null until
-- the alert fires and again once it is re-armed; a price is positive like target_price.

alter table public.price_alerts
  add column triggered_price numeric,
  add constraint price_alerts_triggered_price_positive_check
    check (triggered_price is null or triggered_price > 0);
