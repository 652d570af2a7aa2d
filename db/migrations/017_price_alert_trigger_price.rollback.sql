-- Undo 017 price alert trigger price (its check goes with the column).

alter table public.price_alerts
  drop column triggered_price;
