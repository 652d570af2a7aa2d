-- 022 revoked tokens: the ids (jti) of signed tokens revoked before they expire, a service-role
-- token above all (an operator's credential that leaked). Every service reads the list when it
-- validates a token (cached for a few seconds); a row is only needed until the token it names
-- would have expired anyway, so expired rows may be deleted at any time.

create table auth.revoked_tokens (
  jti        uuid        primary key,
  revoked_at timestamptz not null default now(),
  expires_at timestamptz not null
);

create index revoked_tokens_expires_at_idx on auth.revoked_tokens (expires_at);

revoke all on table auth.revoked_tokens from public;
-- The gateway's operator command writes it; the services read it as service_role.
grant select, insert, delete on table auth.revoked_tokens to auth_admin, service_role;
