-- 009 user cache tables: derived data a user's requests reuse, and per-user rate limits.
-- Everything here can be recomputed from transactions, prices and profiles, so it is not
-- audited (see 014). Keys lead with user_id: they are the upsert targets and the RLS indexes.
--
-- Columns that read or bump on every cache hit (last_accessed, hit_count) are deliberately in
-- no index, so those updates stay HOT (heap-only) and touch no index at all.

-- Snapshots of derived portfolio data that are not metrics: positions valued at a date, the
-- daily value series behind a chart, FX-converted cash flows. cache_key names what and for
-- which parameters (e.g. 'value_series:<portfolio>:max'); portfolio_id, when the entry is for
-- one portfolio, makes deleting the portfolio delete the entry (composite key as on
-- transactions; a null portfolio_id is an entry across all the user's portfolios).
create table public.portfolio_caches (
  user_id      uuid        not null references auth.users (id) on delete cascade,
  cache_key    text        not null,
  portfolio_id uuid,
  cache_data   jsonb       not null,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  expires_at   timestamptz not null,
  constraint portfolio_caches_pkey primary key (user_id, cache_key),
  constraint portfolio_caches_portfolio_user_fkey foreign key (portfolio_id, user_id)
    references public.portfolios (id, user_id) on delete cascade,
  constraint portfolio_caches_cache_key_not_blank_check check (length(trim(cache_key)) > 0),
  constraint portfolio_caches_expires_after_created_check check (expires_at > created_at)
);

create index idx_portfolio_caches_portfolio_user
  on public.portfolio_caches (portfolio_id, user_id)
  where portfolio_id is not null;

-- Expiry clean-up (service_role, across users).
create index idx_portfolio_caches_expires_at
  on public.portfolio_caches (expires_at);

create trigger set_updated_at
  before update on public.portfolio_caches
  for each row execute function public.set_updated_at();

-- Computed portfolio metrics (returns, risk, allocation) with hit counts and invalidation.
-- An entry is live while invalidated_at is null and expires_at is in the future; it is
-- invalidated (invalidated_at, invalidation_reason) when the user's transactions change or a
-- price it depends on arrives. dependencies is a json array of what it was computed from
-- (table names and symbols, e.g. ["transactions", "AAPL"]).
create table public.portfolio_metrics_cache (
  user_id              uuid              not null references auth.users (id) on delete cascade,
  cache_key            character varying not null,
  cache_version        integer           not null default 1,
  created_at           timestamptz       not null default now(),
  expires_at           timestamptz       not null,
  last_accessed        timestamptz       not null default now(),
  hit_count            integer           not null default 0,
  metrics_json         jsonb             not null,
  computation_metadata jsonb             not null default '{}'::jsonb,
  dependencies         jsonb             not null default '[]'::jsonb,
  invalidated_at       timestamptz,
  invalidation_reason  text,
  computation_time_ms  integer,
  cache_size_bytes     integer,
  constraint portfolio_metrics_cache_pkey primary key (user_id, cache_key),
  constraint portfolio_metrics_cache_cache_key_not_blank_check check (length(trim(cache_key)) > 0),
  constraint portfolio_metrics_cache_cache_version_positive_check check (cache_version > 0),
  constraint portfolio_metrics_cache_hit_count_check check (hit_count >= 0),
  constraint portfolio_metrics_cache_computation_time_check
    check (computation_time_ms is null or computation_time_ms >= 0),
  constraint portfolio_metrics_cache_size_non_negative_check
    check (cache_size_bytes is null or cache_size_bytes >= 0),
  constraint portfolio_metrics_cache_expires_after_created_check check (expires_at > created_at),
  constraint portfolio_metrics_cache_dependencies_array_check check (jsonb_typeof(dependencies) = 'array'),
  constraint portfolio_metrics_cache_invalidation_reason_check
    check (invalidated_at is null or invalidation_reason is not null)
);

-- Live-entry look-up. The specification's version also had "expires_at > now()" in its
-- predicate, which Postgres rejects (an index predicate must be immutable), and metrics_json,
-- last_accessed and hit_count as included columns: a large metrics_json overflows the index
-- row size limit, and the two counters would make every cache hit update this index.
create index idx_portfolio_metrics_lookup
  on public.portfolio_metrics_cache (user_id, cache_key, expires_at)
  where invalidated_at is null;

-- Expiry clean-up (service_role, across users). expires_at is not null, so the
-- specification's "where expires_at is not null" would filter nothing.
create index idx_portfolio_metrics_expires_at
  on public.portfolio_metrics_cache (expires_at);

-- Invalidation when prices arrive: the live entries that depend on a symbol
-- (dependencies ? 'AAPL').
create index idx_portfolio_metrics_dependencies
  on public.portfolio_metrics_cache using gin (dependencies)
  where invalidated_at is null;

-- The user's base currency and the FX rates from each currency they hold into it, as of
-- rates_date, so that valuing a portfolio does not look up every rate again (the
-- specification names the table only). rates is a json object such as {"EUR": "1.0842"}
-- (decimal strings, never floats); it is stale once the profile's base currency changes or
-- expires_at passes.
create table public.user_currency_cache (
  user_id       uuid        primary key references auth.users (id) on delete cascade,
  base_currency text        not null,
  rates         jsonb       not null default '{}'::jsonb,
  rates_date    date,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  expires_at    timestamptz not null,
  constraint user_currency_cache_base_currency_check check (base_currency ~ '^[A-Z]{3}$'),
  constraint user_currency_cache_rates_object_check check (jsonb_typeof(rates) = 'object'),
  constraint user_currency_cache_expires_after_created_check check (expires_at > created_at)
);

create trigger set_updated_at
  before update on public.user_currency_cache
  for each row execute function public.set_updated_at();

-- Attempts per user and action in the current window (the specification's upsert:
-- insert ... on conflict (user_id, action) do update set attempt_count = attempt_count + 1).
-- window_start lets a fixed-window limiter reset the count.
create table public.rate_limits (
  user_id       uuid              not null references auth.users (id) on delete cascade,
  action        character varying not null,
  window_start  timestamptz       not null default now(),
  last_attempt  timestamptz       not null default now(),
  attempt_count integer           not null default 1,
  constraint rate_limits_pkey primary key (user_id, action),
  constraint rate_limits_action_not_blank_check check (length(trim(action)) > 0),
  constraint rate_limits_attempt_count_non_negative_check check (attempt_count >= 0)
);
