-- 008 user feature tables: holdings, watchlist, price alerts and dividend sync state. Every
-- row belongs to one auth.users row (user_id, cascade on delete) and every table has an
-- index leading with user_id for the RLS policies of 015 and "where user_id = @uid".

-- Current position per portfolio and symbol, derived from transactions by the Portfolio
-- service in the same database transaction as every change of them (the specification
-- updated holdings in separate calls, so they could drift). Holdings belong to a portfolio
-- because transactions do; the composite foreign key (as on transactions) keeps a holding in
-- a portfolio of the same user, and deleting the portfolio deletes its holdings.
-- average_price is the weighted average cost per share in the trade currency (API.md).
create table public.holdings (
  id            uuid        primary key default gen_random_uuid(),
  user_id       uuid        not null references auth.users (id) on delete cascade,
  portfolio_id  uuid        not null,
  symbol        text        not null,
  quantity      numeric     not null default 0,
  average_price numeric,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  constraint holdings_portfolio_user_fkey foreign key (portfolio_id, user_id)
    references public.portfolios (id, user_id) on delete cascade,
  -- The upsert target when a transaction changes a position.
  constraint holdings_user_id_portfolio_id_symbol_key unique (user_id, portfolio_id, symbol),
  constraint holdings_symbol_check check (length(trim(symbol)) > 0 and symbol = upper(symbol)),
  constraint holdings_quantity_non_negative_check check (quantity >= 0),
  -- An open position has a positive average price; a closed one (quantity 0) may keep its
  -- last one or none. (The specification's "quantity = 0 or (quantity > 0 and ...)" also
  -- failed for a negative quantity, which is holdings_quantity_non_negative_check's to report.)
  constraint holdings_average_price_positive_check check (quantity <= 0 or average_price > 0)
);

-- Positions of a symbol across the user's portfolios.
create index idx_holdings_user_symbol
  on public.holdings (user_id, symbol)
  include (quantity, average_price);

-- Open positions only: what the holdings list and valuation read.
create index idx_holdings_active
  on public.holdings (user_id)
  include (symbol, quantity, average_price)
  where quantity > 0;

-- Largest positions by cost. The specification indexed (quantity * average_price) alone with
-- user_id as an included column; leading with user_id lets a user's query (and RLS) use it.
create index idx_holdings_total_value
  on public.holdings (user_id, (quantity * average_price) desc)
  include (symbol, updated_at)
  where quantity > 0;

-- The composite foreign key's cascade from portfolios.
create index idx_holdings_portfolio_user
  on public.holdings (portfolio_id, user_id);

create trigger set_updated_at
  before update on public.holdings
  for each row execute function public.set_updated_at();

-- A symbol appears at most once in a user's watchlist; (user_id, symbol) is the upsert target
-- and the RLS index.
create table public.watchlist (
  id           uuid              primary key default gen_random_uuid(),
  user_id      uuid              not null references auth.users (id) on delete cascade,
  symbol       character varying not null,
  notes        text,
  target_price numeric,
  created_at   timestamptz       not null default now(),
  updated_at   timestamptz       not null default now(),
  constraint watchlist_user_id_symbol_key unique (user_id, symbol),
  constraint watchlist_symbol_check check (length(trim(symbol)) > 0 and symbol = upper(symbol)),
  constraint watchlist_target_price_positive_check check (target_price is null or target_price > 0)
);

create trigger set_updated_at
  before update on public.watchlist
  for each row execute function public.set_updated_at();

-- An alert fires once when the price crosses target_price in the given direction; it is then
-- inactive with triggered_at set. The unique key makes creating the same alert twice an
-- upsert, which re-arms a triggered one (is_active = true, triggered_at = null).
create table public.price_alerts (
  id           uuid        primary key default gen_random_uuid(),
  user_id      uuid        not null references auth.users (id) on delete cascade,
  symbol       text        not null,
  target_price numeric     not null,
  condition    text        not null,
  is_active    boolean     not null default true,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  triggered_at timestamptz,
  constraint price_alerts_user_id_symbol_condition_target_price_key
    unique (user_id, symbol, condition, target_price),
  constraint price_alerts_symbol_check check (length(trim(symbol)) > 0 and symbol = upper(symbol)),
  constraint price_alerts_condition_check check (condition in ('above', 'below')),
  constraint price_alerts_target_price_positive_check check (target_price > 0)
);

-- A user's alerts per symbol, active or not (the specification's user_id+symbol+active).
create index idx_price_alerts_user_symbol_active
  on public.price_alerts (user_id, symbol, is_active);

-- Evaluation as prices arrive (service_role, across users): the active alerts of one symbol.
create index idx_price_alerts_active_symbol
  on public.price_alerts (symbol, target_price)
  include (condition, user_id)
  where is_active;

create trigger set_updated_at
  before update on public.price_alerts
  for each row execute function public.set_updated_at();

-- Where the Dividends service's sync stands for one user (the specification names the table
-- only): one row per user, the primary key is the upsert target and the RLS index.
--   status               idle (never ran), running, succeeded or failed
--   last_started_at      when the last sync began; a "running" row much older than that is stale
--   last_finished_at     when the last sync ended, successfully or not
--   synced_through       dividend events with an ex-date up to this day have been processed,
--                        so the next sync starts after it (null: never synced)
--   dividends_created    pending dividends the last sync created
--   last_error           why the last sync failed (null unless status = failed)
create table public.dividend_sync_state (
  user_id           uuid        primary key references auth.users (id) on delete cascade,
  status            text        not null default 'idle',
  last_started_at   timestamptz,
  last_finished_at  timestamptz,
  synced_through    date,
  dividends_created integer     not null default 0,
  last_error        text,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  constraint dividend_sync_state_status_check check (status in ('idle', 'running', 'succeeded', 'failed')),
  constraint dividend_sync_state_dividends_created_non_negative_check check (dividends_created >= 0),
  constraint dividend_sync_state_error_only_when_failed_check check (last_error is null or status = 'failed'),
  constraint dividend_sync_state_finished_after_started_check
    check (last_finished_at is null or last_started_at is null or last_finished_at >= last_started_at)
);

create trigger set_updated_at
  before update on public.dividend_sync_state
  for each row execute function public.set_updated_at();
