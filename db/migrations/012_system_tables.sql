-- 012 system tables: provider response cache, provider quota usage and circuit breakers.
-- Only service_role (ingestion) reaches them (015); no user id, no user data.

-- Raw provider responses by request (e.g. 'GLOBAL_QUOTE:IBM'), so retries and repeated
-- requests within expires_at do not spend quota. Expired rows are deleted by a clean-up job.
create table public.api_cache (
  cache_key  text        primary key,
  data       jsonb       not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  constraint api_cache_cache_key_not_blank_check check (length(trim(cache_key)) > 0),
  constraint api_cache_expires_after_created_check check (expires_at > created_at)
);

-- Clean-up of expired entries. The specification's "where expires_at <= now()" is not
-- allowed in an index predicate (not immutable); the plain index serves the same delete.
create index idx_api_cache_cleanup
  on public.api_cache (expires_at);

-- Provider calls per service and day, counted with
-- insert ... on conflict (service, date) do update set call_count = api_usage.call_count + 1
-- (the specification had no unique key for that upsert). date is the provider's quota day.
create table public.api_usage (
  id         uuid              primary key default gen_random_uuid(),
  service    character varying not null,
  date       date              not null default current_date,
  call_count integer           not null default 0,
  created_at timestamptz       not null default now(),
  updated_at timestamptz       not null default now(),
  constraint api_usage_service_date_key unique (service, date),
  constraint api_usage_service_not_blank_check check (length(trim(service)) > 0),
  constraint api_usage_call_count_non_negative_check check (call_count >= 0)
);

create trigger set_updated_at
  before update on public.api_usage
  for each row execute function public.set_updated_at();

-- Persisted circuit breaker per provider, shared by every MarketData replica: closed (calls
-- pass), open (calls fail fast until a cool-down after last_failure_time), half_open (one
-- trial call decides).
create table public.circuit_breaker_state (
  service_name      character varying primary key,
  failure_count     integer           not null default 0,
  last_failure_time timestamptz,
  circuit_state     character varying not null default 'closed',
  last_success_time timestamptz,
  created_at        timestamptz       not null default now(),
  updated_at        timestamptz       not null default now(),
  constraint circuit_breaker_state_service_name_not_blank_check check (length(trim(service_name)) > 0),
  constraint circuit_breaker_state_failure_count_non_negative_check check (failure_count >= 0),
  constraint circuit_breaker_state_circuit_state_check check (circuit_state in ('closed', 'open', 'half_open'))
);

create trigger set_updated_at
  before update on public.circuit_breaker_state
  for each row execute function public.set_updated_at();
