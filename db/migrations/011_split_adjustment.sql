-- 011 split adjustment: read historical_prices in today's share units without rewriting the
-- stored bars (convention in 010). A bar of date d is adjusted by the product of the split
-- coefficients strictly after d: the split's own date already trades in post-split units.
-- E.g. with a 4-for-1 split on 2020-08-31, a close of 500 on 2020-08-28 is 125 today, and
-- 100 shares bought that day are 400 today.

-- The exact product of numerics (exp(sum(ln(x))) would turn 2 * 2 into 3.9999...). Nulls are
-- skipped; the product of no rows is null, so callers coalesce to 1.
create aggregate public.numeric_product(numeric) (
  sfunc = pg_catalog.numeric_mul,
  stype = numeric,
  combinefunc = pg_catalog.numeric_mul,
  parallel = safe
);

-- Product of the split coefficients of a symbol strictly after a date (1 when none). Divide a
-- price of that date by it, multiply a quantity or volume of that date by it. Reads
-- historical_prices as the caller (RLS applies) through idx_historical_prices_splits.
create function public.split_factor_after(p_symbol text, p_date date)
returns numeric
language sql
stable
parallel safe
set search_path = ''
as $$
  select coalesce(public.numeric_product(hp.split_coefficient), 1)
  from public.historical_prices hp
  where hp.symbol = p_symbol and hp.date > p_date and hp.split_coefficient <> 1
$$;

comment on function public.split_factor_after(text, date) is
  'Product of the split coefficients of p_symbol on dates after p_date (1 if none): divide prices, multiply quantities of p_date by it.';

-- Split-adjusted bars: raw columns plus split_factor and the adjusted OHLC and volume.
-- security_invoker makes the caller's privileges and RLS apply, not the view owner's.
-- Filter on symbol (pushed below the window, which is partitioned by symbol); a date filter
-- is applied after the factors are computed, so it cannot drop the later splits they need.
create view public.historical_prices_split_adjusted
with (security_invoker = true)
as
select
  f.symbol,
  f.date,
  f.open,
  f.high,
  f.low,
  f.close,
  f.adjusted_close,
  f.volume,
  f.dividend_amount,
  f.split_coefficient,
  f.split_factor,
  f.open / f.split_factor            as split_adjusted_open,
  f.high / f.split_factor            as split_adjusted_high,
  f.low / f.split_factor             as split_adjusted_low,
  f.close / f.split_factor           as split_adjusted_close,
  f.volume * f.split_factor          as split_adjusted_volume,
  f.dividend_amount / f.split_factor as split_adjusted_dividend
from (
  select
    hp.*,
    coalesce(public.numeric_product(hp.split_coefficient) over (
      partition by hp.symbol order by hp.date desc
      rows between unbounded preceding and 1 preceding
    ), 1) as split_factor
  from public.historical_prices hp
) f;

revoke all on function public.numeric_product(numeric) from public;
revoke all on function public.split_factor_after(text, date) from public;
grant execute on function public.numeric_product(numeric) to authenticated, service_role;
grant execute on function public.split_factor_after(text, date) to authenticated, service_role;
grant select on public.historical_prices_split_adjusted to authenticated, service_role;
