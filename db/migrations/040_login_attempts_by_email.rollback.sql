-- Undo 040 login attempts by email.

drop table auth.login_attempts;
