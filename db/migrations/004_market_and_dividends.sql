-- 004 market and dividends: stock master data (public market data) and the user's
-- dividends (user-owned).

create table public.stocks (
  id           uuid              primary key default gen_random_uuid(),
  symbol       character varying not null unique,
  company_name character varying,
  exchange     character varying,
  currency     character varying not null default 'USD',
  created_at   timestamptz       not null default now(),
  updated_at   timestamptz       not null default now(),
  constraint stocks_symbol_check check (length(trim(symbol)) > 0 and symbol = upper(symbol)),
  constraint stocks_currency_check check (currency ~ '^[A-Z]{3}$')
);

create trigger set_updated_at
  before update on public.stocks
  for each row execute function public.set_updated_at();

-- status replaces the specification's booleans as the source of truth; confirmed and
-- rejected are kept as columns for compatibility with the specification.
create table public.user_dividends (
  id                     uuid              primary key default gen_random_uuid(),
  symbol                 character varying not null,
  user_id                uuid              not null references auth.users (id) on delete cascade,
  ex_date                date              not null,
  pay_date               date,
  declaration_date       date,
  record_date            date,
  amount                 numeric           not null,
  currency               character varying not null default 'USD',
  shares_held_at_ex_date numeric,
  current_holdings       numeric,
  total_amount           numeric,
  confirmed              boolean           not null default false,
  status                 character varying not null default 'pending',
  dividend_type          character varying not null default 'cash',
  source                 character varying not null default 'alpha_vantage',
  notes                  text,
  created_at             timestamptz       not null default now(),
  updated_at             timestamptz       not null default now(),
  rejected               boolean           not null default false,
  constraint user_dividends_symbol_check check (length(trim(symbol)) > 0 and symbol = upper(symbol)),
  constraint user_dividends_amount_positive_check check (amount > 0),
  -- The specification allowed five currencies only; any ISO-4217 code is valid.
  constraint user_dividends_currency_check check (currency ~ '^[A-Z]{3}$'),
  constraint user_dividends_shares_held_non_negative_check
    check (shares_held_at_ex_date is null or shares_held_at_ex_date >= 0),
  constraint user_dividends_current_holdings_non_negative_check
    check (current_holdings is null or current_holdings >= 0),
  constraint user_dividends_total_amount_non_negative_check
    check (total_amount is null or total_amount >= 0),
  constraint user_dividends_status_check
    check (status in ('pending', 'confirmed', 'edited', 'rejected')),
  constraint user_dividends_dividend_type_check check (dividend_type in ('cash', 'stock', 'drp')),
  constraint user_dividends_source_check check (source in ('alpha_vantage', 'manual', 'broker')),
  constraint user_dividends_ex_date_reasonable_check check (ex_date <= current_date + interval '1 year'),
  constraint user_dividends_pay_after_ex_check check (pay_date is null or pay_date >= ex_date),
  constraint user_dividends_total_calculation_check check (
    total_amount is null or shares_held_at_ex_date is null or
    abs(total_amount - amount * shares_held_at_ex_date) < 0.01
  )
);

-- A user's dividend history, newest first.
create index idx_user_dividends_user_ex_date
  on public.user_dividends (user_id, ex_date desc)
  include (symbol, amount, currency, total_amount, status);

-- Confirmed dividends only (income reports).
create index idx_user_dividends_confirmed
  on public.user_dividends (user_id, ex_date desc)
  include (symbol, amount, total_amount)
  where status = 'confirmed';

create index idx_user_dividends_user_symbol_ex_date
  on public.user_dividends (user_id, symbol, ex_date);

create trigger set_updated_at
  before update on public.user_dividends
  for each row execute function public.set_updated_at();
