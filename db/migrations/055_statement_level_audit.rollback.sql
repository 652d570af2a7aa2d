-- Undo 055 statement-level audit: 014's row trigger and its function, back on every audited
-- table. The function is 014's, word for word.

create function audit.log_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  old_row   jsonb := case when tg_op in ('UPDATE', 'DELETE') then pg_catalog.to_jsonb(old) end;
  new_row   jsonb := case when tg_op in ('INSERT', 'UPDATE') then pg_catalog.to_jsonb(new) end;
  row_data  jsonb := coalesce(new_row, old_row);
  owner_id  uuid  := (row_data ->> 'user_id')::uuid;
  subject   text  := nullif(pg_catalog.current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub';
  key_names text[];
  key_is_uuid_id boolean;
begin
  if tg_op = 'UPDATE' and (old_row - 'updated_at') = (new_row - 'updated_at') then
    return null;
  end if;

  if tg_op = 'DELETE' and not exists (select from auth.users u where u.id = owner_id) then
    return null;
  end if;

  select pg_catalog.array_agg(a.attname::text order by k.ordinality),
         pg_catalog.count(*) = 1 and pg_catalog.bool_and(a.attname = 'id' and a.atttypid = 'uuid'::regtype)
    into key_names, key_is_uuid_id
    from pg_catalog.pg_index i
    cross join lateral pg_catalog.unnest(i.indkey::smallint[]) with ordinality as k(attnum, ordinality)
    join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
   where i.indrelid = tg_relid and i.indisprimary;

  insert into public.audit_log
    (user_id, actor_id, actor_role, action, table_name, record_id, record_key, old_data, new_data)
  values (
    owner_id,
    -- auth.uid() without its cast error: a service token's subject need not be a uuid, and a
    -- service_role write must not fail for that.
    case when subject ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then subject::uuid end,
    coalesce(nullif(pg_catalog.current_setting('role', true), 'none'), session_user),
    tg_op,
    tg_table_name,
    case when key_is_uuid_id then (row_data ->> 'id')::uuid end,
    (select pg_catalog.jsonb_object_agg(n, row_data -> n) from pg_catalog.unnest(key_names) as n),
    old_row,
    new_row
  );

  return null;
end
$$;

comment on function audit.log_change() is
  'AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW trigger on user tables: writes one public.audit_log row per changed row.';

-- Triggers are fired without an EXECUTE check for the acting role, so nobody needs it.
revoke all on function audit.log_change() from public;

do $$
declare
  audited text;
begin
  foreach audited in array array['user_profiles', 'portfolios', 'transactions', 'holdings', 'watchlist',
                                 'price_alerts', 'user_dividends', 'dividend_sync_state']
  loop
    execute pg_catalog.format('drop trigger audit_log_insert on public.%I', audited);
    execute pg_catalog.format('drop trigger audit_log_update on public.%I', audited);
    execute pg_catalog.format('drop trigger audit_log_delete on public.%I', audited);
    execute pg_catalog.format(
      'create trigger audit_log_change after insert or update or delete on public.%I
         for each row execute function audit.log_change()', audited);
  end loop;
end
$$;

drop function audit.log_statement();
