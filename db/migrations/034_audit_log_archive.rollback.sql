-- Undo 034: archived rows go with the table (move them back into public.audit_log first if they must be kept).
drop table audit.audit_log_archive;
