using NpgsqlTypes;

namespace PortfolioTracker.MarketData.Data;

/// <summary>SQL for <c>company_financials</c>: one jsonb document per (symbol, data type).</summary>
public sealed class FinancialsRepository
{
    public const string Overview = "OVERVIEW";
    public const string IncomeStatement = "INCOME_STATEMENT";
    public const string Dividends = "DIVIDENDS";
    public const string Splits = "SPLITS";

    public async Task<IReadOnlyList<FinancialDocumentRow>> GetAsync(RlsSession session, string symbol, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            "select data_type, last_updated, financial_data::text from company_financials where symbol = $1 order by data_type",
            ct, symbol);
        var rows = new List<FinancialDocumentRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new FinancialDocumentRow(reader.GetString(0), reader.GetDateTime(1), reader.GetString(2)));
        }
        return rows;
    }

    public async Task UpsertAsync(RlsSession session, string symbol, string dataType, string json, CancellationToken ct) =>
        await session.ExecuteNonQueryAsync(
            """
            insert into company_financials (symbol, data_type, financial_data, last_updated)
            values ($1, $2, $3, now())
            on conflict (symbol, data_type) do update set financial_data = excluded.financial_data, last_updated = now()
            where company_financials.financial_data is distinct from excluded.financial_data
            """,
            ct, symbol, dataType, new Npgsql.NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
}
