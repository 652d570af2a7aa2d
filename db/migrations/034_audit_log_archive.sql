-- 034 audit archive: audit rows older than the retention age (6 months by default) are moved
-- here by the monthly maintenance, so audit_log stays small for users' reads while the trail
-- is kept. Same columns, checks and index as audit_log (LIKE), plus when a row was archived.
-- Like audit_log, rows go when their user is deleted (the cascade; LIKE copies no foreign key).
-- It lives in schema audit, which no API role can reach (014): nobody reads it through the
-- API, the maintenance job writes it as the owner.

create table audit.audit_log_archive (
  like public.audit_log including defaults including constraints including indexes,
  archived_at timestamptz not null default now(),
  constraint audit_log_archive_user_id_fkey foreign key (user_id) references auth.users (id) on delete cascade
);
