-- 066 ledger checkpoints: the Portfolio service's metrics book (positions, cash, fees,
-- dividends, interest) frozen at the end of a day, per user and base currency, so a cold start
-- (a restarted or new replica) answers a summary from the last checkpoint on or before asOf plus
-- the transactions after it, instead of reading and replaying the whole ledger.
--
-- Derived data, rewritten by the service after it recomputes, never trusted blindly: a row is
-- used only when no transaction dated on or before its day changed since ledger_version
-- (public.ledger_changed_since), and only when the market still answers what it read (facts:
-- the FX rates and security currencies it applied, checked against the request's market).
-- Not audited (like portfolio_metrics_cache: it repeats what the audited transactions say).

create table public.ledger_checkpoints (
  user_id          uuid        not null references auth.users (id) on delete cascade,
  base_currency    text        not null,
  day              date        not null,
  ledger_version   bigint      not null,
  entry_count      integer     not null,
  first_entry      date        not null,
  first_cash_flow  date,
  book             bytea       not null,
  facts            bytea       not null,
  created_at       timestamptz not null default now(),
  primary key (user_id, base_currency, day),
  constraint ledger_checkpoints_base_currency_check check (base_currency ~ '^[A-Z]{3}$'),
  constraint ledger_checkpoints_ledger_version_check check (ledger_version > 0),
  constraint ledger_checkpoints_entry_count_check check (entry_count > 0),
  constraint ledger_checkpoints_first_entry_check check (first_entry <= day),
  constraint ledger_checkpoints_first_cash_flow_check check (first_cash_flow between first_entry and day),
  constraint ledger_checkpoints_book_not_empty_check check (octet_length(book) > 0)
);

alter table public.ledger_checkpoints enable row level security;
alter table public.ledger_checkpoints force row level security;

create policy ledger_checkpoints_select_own on public.ledger_checkpoints
  for select to authenticated using ((select auth.uid()) = user_id);
create policy ledger_checkpoints_insert_own on public.ledger_checkpoints
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy ledger_checkpoints_update_own on public.ledger_checkpoints
  for update to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
create policy ledger_checkpoints_delete_own on public.ledger_checkpoints
  for delete to authenticated using ((select auth.uid()) = user_id);
create policy ledger_checkpoints_service_role_all on public.ledger_checkpoints
  for all to service_role using (true) with check (true);

grant select, insert, update, delete on table public.ledger_checkpoints to authenticated;
grant all on table public.ledger_checkpoints to service_role;
