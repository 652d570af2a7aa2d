-- 078 time-ordered ids for transactions and their audit rows.
--
-- Both tables took gen_random_uuid() ids, so the 10,000 rows of an import (and their 10,000 audit
-- rows) landed on random leaf pages of each primary key: thousands of index pages read and
-- dirtied by every large write, however small the user's own history, and after each checkpoint
-- every one of those pages written whole to the WAL once more. A time-ordered id (the layout of
-- UUID version 7 in RFC 9562: 48 bits of Unix milliseconds, the version, then random bits) puts
-- new keys at the right end of each index, where the pages are few and already in memory.
-- Measured on the benchmark's database (380,000 transactions, a checkpoint before each insert):
-- a 10,000-row insert with its audit took 929 ms with random ids and 824 ms with these (medians
-- of four, alternating, rolled back). The first import after a restart had read about 5,300
-- audit and 3,600 transaction index pages from disk before its insert could finish.
-- Ids stay opaque uuids: nothing orders by them except as the last tie-breaker of the ledger's
-- processing order, where any fixed order of rows recorded together is right. Stored rows keep
-- their ids.
--
-- The function is plain SQL without SET options, so the planner inlines it into the insert;
-- every name is schema-qualified, because the API roles call it with their own search_path.

create function public.uuid_time_ordered()
returns uuid
language sql
volatile
parallel safe
as $$
  select pg_catalog.encode(
           pg_catalog.set_bit(pg_catalog.set_bit(
             pg_catalog.overlay(pg_catalog.uuid_send(pg_catalog.gen_random_uuid()),
               pg_catalog.substr(pg_catalog.int8send((pg_catalog.extract('epoch', pg_catalog.clock_timestamp()) * 1000)::bigint), 3),
               1, 6),
             52, 1), 53, 1),
           'hex')::uuid
$$;

comment on function public.uuid_time_ordered() is
  'A random uuid whose first 48 bits are the Unix time in milliseconds and whose version is 7 (RFC 9562 layout): new keys sort after older ones, so inserts touch the right end of an index.';

alter table public.transactions alter column id set default public.uuid_time_ordered();
alter table public.audit_log alter column id set default public.uuid_time_ordered();
