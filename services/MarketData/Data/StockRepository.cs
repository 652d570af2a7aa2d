using Npgsql;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.MarketData.Data;

public sealed record StockRow(string Symbol, string? CompanyName, string? Exchange, string Currency);

/// <summary>SQL for <c>stocks</c> (readable by every signed-in user under RLS).</summary>
public sealed class StockRepository
{
    private const string Columns = "symbol, company_name, exchange, currency";

    public async Task<StockRow?> GetAsync(RlsSession session, string symbol, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"select {Columns} from stocks where symbol = $1", ct, symbol);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
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

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private static StockRow Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(1) ? null : reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetString(3));
}
