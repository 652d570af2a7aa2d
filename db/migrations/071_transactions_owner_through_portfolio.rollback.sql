-- Undo 071 transactions' owner through their portfolio: the direct key to auth.users, as 003 made it.

alter table public.transactions
  add constraint transactions_user_id_fkey foreign key (user_id) references auth.users (id) on delete cascade;
