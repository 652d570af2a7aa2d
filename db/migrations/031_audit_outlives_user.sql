-- 031 audit rows outlive their user, reduced to the user id.
--
-- Until now a user's audit rows went with the user (on delete cascade). An audit trail that
-- its subject can erase is no trail, and the rows' data is personal: so when an account is
-- deleted its audit rows stay, with their row images and keys erased (old_data, new_data,
-- record_id, record_key emptied; erased_at set), keeping only who (the user id), what (action,
-- table), by whom (actor) and when. One more erased row records the deletion of the account.
--
-- The erasing is a trigger on auth.users, so every way of deleting a user (DELETE /v1/account,
-- an operator's SQL) keeps the trail the same way. The cascade deletes of the user's rows that
-- follow are not audited (014: their owner no longer exists), so no new personal data is written.

alter table public.audit_log drop constraint audit_log_user_id_fkey;
alter table public.audit_log add column erased_at timestamptz;

-- An erased row has no data, whatever its action.
alter table public.audit_log drop constraint audit_log_data_matches_action_check;
alter table public.audit_log add constraint audit_log_data_matches_action_check check (
  (erased_at is not null and old_data is null and new_data is null) or (
    (action <> 'INSERT' or (old_data is null and new_data is not null)) and
    (action <> 'UPDATE' or (old_data is not null and new_data is not null)) and
    (action <> 'DELETE' or (old_data is not null and new_data is null))
  )
);
alter table public.audit_log add constraint audit_log_erased_without_data_check
  check (erased_at is null or (old_data is null and new_data is null));

create function audit.erase_user_trail()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.audit_log
     set old_data = null, new_data = null, record_id = null, record_key = '{}'::jsonb, erased_at = pg_catalog.now()
   where user_id = old.id and erased_at is null;
  insert into public.audit_log (user_id, actor_id, actor_role, action, table_name, record_key, erased_at)
  values (
    old.id,
    case when (nullif(pg_catalog.current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
              ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
         then (pg_catalog.current_setting('request.jwt.claims', true)::jsonb ->> 'sub')::uuid end,
    coalesce(nullif(pg_catalog.current_setting('role', true), 'none'), session_user),
    'DELETE', 'users', '{}'::jsonb, pg_catalog.now());
  return old;
end
$$;

comment on function audit.erase_user_trail() is
  'BEFORE DELETE trigger on auth.users: keeps the user''s audit rows with their data erased, and records the deletion.';
revoke all on function audit.erase_user_trail() from public;

create trigger erase_user_trail
  before delete on auth.users
  for each row execute function audit.erase_user_trail();
