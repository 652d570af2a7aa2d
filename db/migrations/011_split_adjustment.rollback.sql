-- Undo 011 split adjustment (grants go with the objects).

drop view public.historical_prices_split_adjusted;
drop function public.split_factor_after(text, date);
drop aggregate public.numeric_product(numeric);
