-- Undo 022 revoked tokens.

drop table auth.revoked_tokens;
