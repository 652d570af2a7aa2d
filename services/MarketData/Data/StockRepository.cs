using Npgsql;

namespace PortfolioTracker.MarketData.Data;

/// <summary>SQL for <c>stocks</c> (readable by every signed-in user under RLS).</summary>
public sealed class StockRepository
{
    private const string Columns = "symbol, company_name, exchange, currency, sector, industry, country";

    public async Task<StockRow?> GetAsync(RlsSession session, string symbol, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"select {Columns} from stocks where symbol = $1", ct, symbol);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<StockRow>> GetManyAsync(RlsSession session, IReadOnlyList<string> symbols, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"select {Columns} from stocks where symbol = any($1) order by symbol", ct, PriceRepository.TextArray(symbols));
        var rows = new List<StockRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Read(reader));
        }
        return rows;
    }

    /// <summary>The first <paramref name="limit"/> stored stocks by symbol.</summary>
    public async Task<IReadOnlyList<StockRow>> ListAsync(RlsSession session, int limit, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync($"select {Columns} from stocks order by symbol limit $1", ct, limit);
        var rows = new List<StockRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Read(reader));
        }
        return rows;
    }

    /// <summary>Exact symbol first, then symbols and names containing the query.</summary>
    public async Task<IReadOnlyList<StockRow>> SearchAsync(RlsSession session, string query, int limit, CancellationToken ct)
    {
        var pattern = "%" + EscapeLike(query) + "%";
        await using var reader = await session.ExecuteReaderAsync(
            $"""
            select {Columns} from stocks
            where $1 = '' or symbol ilike $2 or company_name ilike $2
            order by symbol <> upper($1), symbol
            limit $3
            """,
            ct, query, pattern, limit);
        var rows = new List<StockRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Read(reader));
        }
        return rows;
    }

    /// <summary>Creates or updates a stock (service role); empty optional fields keep what is stored.</summary>
    public async Task<StockRow> UpsertAsync(RlsSession session, StockRow stock, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"""
            insert into stocks (symbol, company_name, exchange, currency, sector, industry, country)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (symbol) do update set
                company_name = coalesce(excluded.company_name, stocks.company_name),
                exchange = coalesce(excluded.exchange, stocks.exchange),
                currency = excluded.currency,
                sector = coalesce(excluded.sector, stocks.sector),
                industry = coalesce(excluded.industry, stocks.industry),
                country = coalesce(excluded.country, stocks.country)
            returning {Columns}
            """,
            ct, stock.Symbol, Nullable(stock.CompanyName), Nullable(stock.Exchange), stock.Currency,
            Nullable(stock.Sector), Nullable(stock.Industry), Nullable(stock.Country));
        await reader.ReadAsync(ct);
        return Read(reader);
    }

    /// <summary>Prices may arrive before master data: a stock row with just symbol and currency.</summary>
    public async Task EnsureExistsAsync(RlsSession session, string symbol, string currency, CancellationToken ct) =>
        await session.ExecuteNonQueryAsync(
            "insert into stocks (symbol, currency) values ($1, $2) on conflict (symbol) do nothing", ct, symbol, currency);

    private static NpgsqlParameter Nullable(string? value) =>
        new() { Value = string.IsNullOrWhiteSpace(value) ? DBNull.Value : value.Trim(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private static StockRow Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(1) ? null : reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6));
}
