-- 040 login attempts by email: the login lockout is keyed by the normalised email that was tried,
-- whether or not an account has it, so the 429 after too many attempts cannot tell a registered
-- email from an unknown one. public.rate_limits cannot hold it (its rows belong to an existing
-- user), so the gateway (auth_admin) counts here instead. Only the SHA-256 of the email is stored:
-- strangers' mistyped addresses are not kept in the clear.

create table auth.login_attempts (
  email_hash    bytea       primary key,
  window_start  timestamptz not null default now(),
  last_attempt  timestamptz not null default now(),
  attempt_count integer     not null default 1
);

-- For deleting rows whose window and lockout ended long ago.
create index login_attempts_last_attempt_idx on auth.login_attempts (last_attempt);

revoke all on table auth.login_attempts from public;
grant select, insert, update, delete on table auth.login_attempts to auth_admin;
