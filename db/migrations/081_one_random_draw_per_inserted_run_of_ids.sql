-- 081 one random draw per inserted run of ids.
--
-- public.uuid_time_ordered() (078) draws its random bits from gen_random_uuid(), which asks the
-- operating system's random source each time: about 3.5 µs an id here, most of it the system
-- call. An import of 10,000 rows needs 20,000 ids (its transactions and their audit rows), so
-- about 70 ms of its ~500 ms insert went to random numbers. Measured by hand (psql, the same
-- 10,000 rows, rolled back, alternating, three rounds of four): 483–631 ms with an id drawn per
-- row, 393–472 ms (two outliers 574 and 660) with the ids below.
--
-- A statement that inserts many rows now draws once and counts up: RFC 9562 §6.2, method 2
-- ("monotonic random"): the first 64 bits (the millisecond clock, the version, 12 random bits)
-- are shared, the last 64 (the variant, then random bits) are the drawn value plus the row's
-- place. Bit 61 of the drawn value is cleared, so adding up to 2^61 never carries into the
-- variant. Ids stay unique (the primary keys still check), time-ordered, and version 7; one
-- statement's ids are consecutive, which nothing relies on and nothing exposes.
-- Used by the audit trigger for every statement it records, and by the service's bulk insert of
-- transactions; single-row inserts keep the column defaults.

create function public.uuid_time_ordered_run(out prefix text, out counter bigint)
language sql
volatile
parallel safe
as $$
  select pg_catalog.substr(h, 1, 16),
         ('x' || pg_catalog.substr(h, 17, 16))::bit(64)::bigint & ~(1::bigint << 61)
    from (select pg_catalog.replace(public.uuid_time_ordered()::text, '-', '') as h) as drawn
$$;

comment on function public.uuid_time_ordered_run() is
  'The start of a run of time-ordered uuids (RFC 9562 method 2): prefix is the first 16 hex digits of one public.uuid_time_ordered(), counter its last 64 bits with bit 61 cleared; public.uuid_time_ordered_nth makes the run''s ids. Call once per statement (in FROM).';

-- Plain SQL without SET options, so the planner inlines it into the insert (as 078's function).
create function public.uuid_time_ordered_nth(prefix text, counter bigint, n bigint)
returns uuid
language sql
immutable
parallel safe
as $$
  select (prefix || pg_catalog.to_hex(counter + n))::uuid
$$;

comment on function public.uuid_time_ordered_nth(text, bigint, bigint) is
  'The n-th id (n from 1 to 2^61) of the run public.uuid_time_ordered_run() began: the prefix, then the counter plus n as 16 hex digits.';

create or replace function audit.log_statement()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  subject    text := nullif(pg_catalog.current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub';
  actor      uuid := case when subject ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then subject::uuid end;
  actor_role text := coalesce(nullif(pg_catalog.current_setting('role', true), 'none'), session_user);
  key_names  text[];
  key_is_uuid_id boolean;
  -- Rows whose every image has this column at this value are not audited (trigger arguments).
  skip_column text := tg_argv[0];
  skip_value  text := tg_argv[1];
begin
  select pg_catalog.array_agg(a.attname::text order by k.ordinality),
         pg_catalog.count(*) = 1 and pg_catalog.bool_and(a.attname = 'id' and a.atttypid = 'uuid'::regtype)
    into key_names, key_is_uuid_id
    from pg_catalog.pg_index i
    cross join lateral pg_catalog.unnest(i.indkey::smallint[]) with ordinality as k(attnum, ordinality)
    join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
   where i.indrelid = tg_relid and i.indisprimary;

  -- A row a trigger argument leaves out is tested on its column before it is serialised:
  -- serialising 1,600 pending rows only to drop them was a fifth of a first dividend sync's insert.
  if tg_op in ('INSERT', 'DELETE') then
    execute pg_catalog.format(
      $sql$
      insert into public.audit_log
        (id, user_id, actor_id, actor_role, action, table_name, record_id, record_key, old_data, new_data)
      select public.uuid_time_ordered_nth(run.prefix, run.counter, changed.ord),
             (r ->> 'user_id')::uuid, $1, $2, $3, $4,
             case when $5 then (r ->> 'id')::uuid end,
             case when $5 then pg_catalog.jsonb_build_object('id', r -> 'id')
                  else (select pg_catalog.jsonb_object_agg(n, r -> n) from pg_catalog.unnest($6) as n) end,
             case when $3 = 'DELETE' then r end, case when $3 = 'INSERT' then r end
        from (select pg_catalog.to_jsonb(t) as r, pg_catalog.row_number() over () as ord from %I t where %s offset 0) as changed,
             public.uuid_time_ordered_run() as run
       where $3 = 'INSERT' or exists (select from auth.users u where u.id = (r ->> 'user_id')::uuid)
      $sql$,
      case when tg_op = 'INSERT' then 'new_rows' else 'old_rows' end,
      case when skip_column is null then 'true'
           else pg_catalog.format('t.%I::text is distinct from %L', skip_column, skip_value) end)
    using actor, actor_role, tg_op, tg_table_name::text, key_is_uuid_id, key_names;

  else
    with before_images as (
      select r, ord, (select pg_catalog.jsonb_object_agg(n, r -> n) from pg_catalog.unnest(key_names) as n) as k
        from (select pg_catalog.to_jsonb(t) as r, pg_catalog.row_number() over () as ord from old_rows t) as o
    ),
    after_images as (
      select r, ord, (select pg_catalog.jsonb_object_agg(n, r -> n) from pg_catalog.unnest(key_names) as n) as k
        from (select pg_catalog.to_jsonb(t) as r, pg_catalog.row_number() over () as ord from new_rows t) as a
    ),
    paired as (
      select b.r as o_row, b.k, coalesce(by_key.r, by_order.r) as n_row, b.ord
        from before_images b
        left join after_images by_key on by_key.k = b.k
        left join after_images by_order on by_key.r is null and by_order.ord = b.ord
    )
    insert into public.audit_log
      (id, user_id, actor_id, actor_role, action, table_name, record_id, record_key, old_data, new_data)
    select public.uuid_time_ordered_nth(run.prefix, run.counter, paired.ord),
           (n_row ->> 'user_id')::uuid, actor, actor_role, 'UPDATE', tg_table_name,
           case when key_is_uuid_id then (n_row ->> 'id')::uuid end,
           case when key_is_uuid_id then pg_catalog.jsonb_build_object('id', n_row -> 'id')
                else (select pg_catalog.jsonb_object_agg(n, n_row -> n) from pg_catalog.unnest(key_names) as n) end,
           o_row, n_row
      from paired, public.uuid_time_ordered_run() as run
     where (o_row - 'updated_at') is distinct from (n_row - 'updated_at')
       and (skip_column is null or o_row ->> skip_column is distinct from skip_value or n_row ->> skip_column is distinct from skip_value);
  end if;

  return null;
end
$$;

comment on function audit.log_statement() is
  'AFTER INSERT, UPDATE and DELETE FOR EACH STATEMENT trigger on user tables: writes one public.audit_log row per changed row, from the transition tables; with arguments (column, value), rows whose every image has that value in that column are left out (inserted and deleted rows tested before they are serialised); the ids of one call''s rows are one run of public.uuid_time_ordered_run.';
