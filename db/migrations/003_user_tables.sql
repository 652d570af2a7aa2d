-- 003 user tables: profiles, portfolios and transactions. Every row belongs to one
-- auth.users row (user_id, cascade on delete) and every table has an index leading with
-- user_id, which the RLS policies of 005 and the services' "where user_id = @uid" use.

create table public.user_profiles (
  id            uuid              primary key default gen_random_uuid(),
  user_id       uuid              not null unique references auth.users (id) on delete cascade,
  first_name    character varying not null,
  last_name     character varying not null,
  country       character varying not null,
  base_currency character varying not null default 'USD',
  created_at    timestamptz       not null default now(),
  updated_at    timestamptz       not null default now(),
  constraint user_profiles_currency_check check (base_currency ~ '^[A-Z]{3}$'),
  constraint user_profiles_names_not_empty_check
    check (length(trim(first_name)) > 0 and length(trim(last_name)) > 0)
);

create trigger set_updated_at
  before update on public.user_profiles
  for each row execute function public.set_updated_at();

create table public.portfolios (
  id          uuid        primary key default gen_random_uuid(),
  user_id     uuid        not null references auth.users (id) on delete cascade,
  name        text        not null,
  description text,
  is_default  boolean     not null default false,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  constraint portfolios_name_not_blank_check check (length(trim(name)) > 0),
  constraint portfolios_user_id_name_key unique (user_id, name),
  -- Target of transactions' composite foreign key: a transaction's portfolio has its user.
  constraint portfolios_id_user_id_key unique (id, user_id)
);

-- At most one default portfolio per user.
create unique index portfolios_one_default_per_user_idx
  on public.portfolios (user_id) where is_default;

create trigger set_updated_at
  before update on public.portfolios
  for each row execute function public.set_updated_at();

-- Types are stored upper-case. What quantity and price mean depends on the type:
--   BUY, SELL    quantity = shares (> 0), price = price per share (> 0)
--   DIVIDEND     quantity = shares (> 0), price = amount per share (> 0)
--   DEPOSIT,
--   WITHDRAWAL   cash movements: quantity >= 0, price not constrained (as the specification)
--   SPLIT        quantity = split ratio, new shares per old share (> 0): 2 for a 2-for-1
--                split, 0.1 for a 1-for-10 reverse split; price >= 0 (0 allowed: no cash moves)
--   FEE          quantity >= 0, price >= 0 (a fee not tied to a trade)
-- The specification's column checks quantity > 0 and price > 0 contradicted its own
-- DEPOSIT/WITHDRAWAL rules and are deliberately not copied.
create table public.transactions (
  id               uuid              primary key default gen_random_uuid(),
  user_id          uuid              not null references auth.users (id) on delete cascade,
  portfolio_id     uuid              not null,
  transaction_type text              not null,
  symbol           text              not null,
  quantity         numeric           not null,
  price            numeric           not null,
  date             date              not null,
  currency         text              not null default 'USD',
  commission       numeric           not null default 0,
  notes            text,
  created_at       timestamptz       not null default now(),
  updated_at       timestamptz       not null default now(),
  amount_invested  numeric,
  market_region    character varying default 'United States',
  market_open      time without time zone default '09:30:00',
  market_close     time without time zone default '16:00:00',
  market_timezone  character varying default 'UTC-05',
  market_currency  character varying default 'USD',
  exchange_rate    numeric,
  -- Also the plain portfolio_id foreign key: the portfolio exists, belongs to the same
  -- user, and deleting it deletes its transactions.
  constraint transactions_portfolio_user_fkey foreign key (portfolio_id, user_id)
    references public.portfolios (id, user_id) on delete cascade,
  constraint transactions_transaction_type_check
    check (transaction_type in ('BUY', 'SELL', 'DEPOSIT', 'WITHDRAWAL', 'DIVIDEND', 'SPLIT', 'FEE')),
  constraint transactions_quantity_positive_check check (
    (transaction_type in ('BUY', 'SELL', 'DIVIDEND', 'SPLIT') and quantity > 0) or
    (transaction_type in ('DEPOSIT', 'WITHDRAWAL', 'FEE') and quantity >= 0)
  ),
  constraint transactions_price_positive_check check (
    (transaction_type in ('BUY', 'SELL', 'DIVIDEND') and price > 0) or
    (transaction_type in ('SPLIT', 'FEE') and price >= 0) or
    (transaction_type in ('DEPOSIT', 'WITHDRAWAL'))
  ),
  constraint transactions_symbol_check check (length(trim(symbol)) > 0 and symbol = upper(symbol)),
  constraint transactions_currency_check check (currency ~ '^[A-Z]{3}$'),
  constraint transactions_date_not_future_check check (date <= current_date),
  constraint transactions_commission_non_negative_check check (commission >= 0),
  constraint transactions_exchange_rate_positive_check check (exchange_rate is null or exchange_rate > 0)
);

-- Positions and cost basis per symbol.
create index idx_transactions_user_symbol_date
  on public.transactions (user_id, symbol, date desc)
  include (quantity, price, transaction_type, currency);

-- A portfolio's transaction list, newest first, keyset-paginated by (date, id); also serves
-- the cascade from portfolios.
create index idx_transactions_user_portfolio_date
  on public.transactions (user_id, portfolio_id, date desc, id);

create trigger set_updated_at
  before update on public.transactions
  for each row execute function public.set_updated_at();
