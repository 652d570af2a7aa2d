-- 080 the ledger counter's functions in PL/pgSQL, so a connection plans their queries once.
--
-- As SQL functions with SECURITY DEFINER they cannot be inlined, and PostgreSQL parses and plans
-- a non-inlined SQL function's body again for every statement that calls it. The metrics path calls
-- two of them in each of its two version-check statements, on every summary, performance and risk
-- request. PL/pgSQL keeps each query's plan for the life of the connection, and the services' pooled
-- connections live long. Measured with pgbench (the version statement in its own transaction, as
-- the services send it): 1.33–1.47 ms per transaction with the SQL functions, 0.85–0.86 ms with
-- these. What the functions return does not change; the caller's id is still read once per query.

create or replace function public.ledger_version()
returns bigint
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return coalesce((select v.version from private.ledger_versions v where v.user_id = (select auth.uid())), 0);
end
$$;

create or replace function public.ledger_changed_since(held bigint)
returns date
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return case
    when held >= coalesce((select v.version from private.ledger_versions v where v.user_id = (select auth.uid())), 0) then null
    when exists (select 1 from private.ledger_changes c where c.user_id = (select auth.uid()) and c.version = held + 1)
      then (select min(c.changed_from) from private.ledger_changes c where c.user_id = (select auth.uid()) and c.version > held)
    else date '0001-01-01'
  end;
end
$$;

create or replace function public.ledger_changed_ids_since(held bigint)
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return case
    when held >= coalesce((select v.version from private.ledger_versions v where v.user_id = (select auth.uid())), 0) then '{}'::uuid[]
    when not exists (select 1 from private.ledger_changes c where c.user_id = (select auth.uid()) and c.version = held + 1)
      or exists (select 1 from private.ledger_changes c where c.user_id = (select auth.uid()) and c.version > held and c.changed_ids is null)
      then null
    else (
      select case when count(*) <= 1024 then array_agg(ids.id order by ids.id) end
      from (select distinct unnest(c.changed_ids) as id
            from private.ledger_changes c where c.user_id = (select auth.uid()) and c.version > held) ids)
  end;
end
$$;
