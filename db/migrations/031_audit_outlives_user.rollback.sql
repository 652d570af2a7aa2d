-- Undo 031. The trail of deleted users cannot point at a user again: those rows go (as the
-- cascade of 014 would have removed them) before the foreign key comes back.
drop trigger erase_user_trail on auth.users;
drop function audit.erase_user_trail();

delete from public.audit_log a where not exists (select from auth.users u where u.id = a.user_id);
delete from public.audit_log where erased_at is not null;

alter table public.audit_log drop constraint audit_log_erased_without_data_check;
alter table public.audit_log drop constraint audit_log_data_matches_action_check;
alter table public.audit_log add constraint audit_log_data_matches_action_check check (
  (action <> 'INSERT' or (old_data is null and new_data is not null)) and
  (action <> 'UPDATE' or (old_data is not null and new_data is not null)) and
  (action <> 'DELETE' or (old_data is not null and new_data is null))
);
alter table public.audit_log drop column erased_at;
alter table public.audit_log add constraint audit_log_user_id_fkey
  foreign key (user_id) references auth.users (id) on delete cascade;
