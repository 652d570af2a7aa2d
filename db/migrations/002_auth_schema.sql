-- 002 auth schema: the gateway's users and refresh tokens (the equivalent of Supabase's
-- auth.users, owned here by the gateway), the claim helpers auth.uid()/role()/jwt() that
-- RLS policies call, and the shared trigger function public.set_updated_at().

create schema auth;
revoke all on schema auth from public;

-- Keeps updated_at honest whatever the client sends; used by every table with updated_at.
create function public.set_updated_at()
returns trigger
language plpgsql
set search_path = pg_catalog
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create table auth.users (
  id              uuid        primary key default gen_random_uuid(),
  email           text        not null,
  password_hash   text        not null,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  last_sign_in_at timestamptz,
  constraint users_email_format_check
    check (length(email) <= 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  constraint users_password_hash_not_blank_check check (length(password_hash) > 0)
);

-- Emails are unique regardless of case; look-ups should use lower(email) to hit this index.
create unique index users_email_lower_key on auth.users (lower(email));

create trigger set_updated_at
  before update on auth.users
  for each row execute function public.set_updated_at();

-- Rotating refresh tokens: only a hash of the token is stored. Tokens issued from one sign-in
-- share family_id, so reuse of a rotated token can revoke the whole family.
create table auth.refresh_tokens (
  id          uuid        primary key default gen_random_uuid(),
  user_id     uuid        not null references auth.users (id) on delete cascade,
  token_hash  text        not null unique,
  family_id   uuid        not null,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null,
  revoked_at  timestamptz,
  replaced_by uuid        references auth.refresh_tokens (id) on delete set null,
  constraint refresh_tokens_expires_after_created_check check (expires_at > created_at)
);

create index refresh_tokens_user_id_idx on auth.refresh_tokens (user_id);
create index refresh_tokens_family_id_idx on auth.refresh_tokens (family_id);

-- Claims are set per transaction with set_config('request.jwt.claims', $claims, true).
-- Outside such a transaction the setting is missing (null) or, once a local value has been
-- reset, the empty string: nullif(..., '') makes both mean "no claims".
create function auth.jwt()
returns jsonb
language sql
stable
as $$
  select coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb, '{}'::jsonb)
$$;

create function auth.uid()
returns uuid
language sql
stable
as $$
  select nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub', '')::uuid
$$;

create function auth.role()
returns text
language sql
stable
as $$
  select nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'
$$;

comment on function auth.uid() is 'The user id (claim sub) of the current transaction''s verified JWT, or null.';
comment on function auth.role() is 'The role claim of the current transaction''s verified JWT, or null.';
comment on function auth.jwt() is 'All claims of the current transaction''s verified JWT, or ''{}''.';

-- Only the gateway (auth_admin) and service_role reach the auth tables, so they need no RLS.
revoke all on table auth.users, auth.refresh_tokens from public;
revoke all on function auth.uid(), auth.role(), auth.jwt() from public;

grant usage on schema auth to anon, authenticated, service_role, auth_admin;
grant execute on function auth.uid(), auth.role(), auth.jwt() to anon, authenticated, service_role, auth_admin;
grant select, insert, update, delete on table auth.users, auth.refresh_tokens to auth_admin, service_role;
