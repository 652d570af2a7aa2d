-- Undo 006 stock classification (the check goes with its columns).

alter table public.stocks
  drop column country,
  drop column industry,
  drop column sector;
