-- 006 stock classification: sector, industry and country of a stock, all optional (the
-- provider's company overview fills them in later; a bare symbol is still a valid stock).
-- Portfolio allocation by sector reads stocks.sector joined on symbol, so no extra index is
-- needed. The specification's idx_stocks_symbol_upper is not created: stocks_symbol_check
-- already guarantees symbol = upper(symbol), so stocks_symbol_key serves every look-up that
-- upper-cases its argument (symbol = upper($1)) and an upper(symbol) index would be a copy.

alter table public.stocks
  add column sector   character varying,
  add column industry character varying,
  add column country  character varying,
  add constraint stocks_classification_not_blank_check check (
    (sector is null or length(trim(sector)) > 0) and
    (industry is null or length(trim(industry)) > 0) and
    (country is null or length(trim(country)) > 0)
  );
