using NpgsqlTypes;
using PortfolioTracker.Portfolio.Domain;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Data;

/// <summary>The caller's transactions as the metrics engine reads them, and the profile's base currency.</summary>
public sealed class LedgerRepository
{
    public const string DefaultBaseCurrency = "USD";

    /// <summary>All transactions up to <paramref name="asOf"/>, in processing order (date, then same-day order of <c>LedgerOrder</c>).</summary>
    public async Task<IReadOnlyList<LedgerEntry>> ReadAsync(RlsSession session, Guid userId, Guid? portfolioId, DateOnly asOf, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"""
            select id, transaction_type, symbol, date, quantity, price, commission, currency from transactions
            where user_id = $1 and ($2::uuid is null or portfolio_id = $2) and date <= $3
            order by {LedgerSql.ProcessingOrder}
            """,
            ct, userId, new Npgsql.NpgsqlParameter { Value = (object?)portfolioId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid }, asOf);
        var entries = new List<LedgerEntry>();
        while (await reader.ReadAsync(ct))
        {
            TransactionTypes.TryParse(reader.GetString(1), out var type);
            entries.Add(new LedgerEntry(reader.GetGuid(0), type, reader.GetString(2), reader.GetFieldValue<DateOnly>(3),
                reader.GetDecimal(4), reader.GetDecimal(5), reader.GetDecimal(6), reader.GetString(7)));
        }
        return entries;
    }

    public async Task<string> BaseCurrencyAsync(RlsSession session, Guid userId, CancellationToken ct) =>
        await session.ExecuteScalarAsync<string>("select base_currency from user_profiles where user_id = $1", ct, userId)
        ?? DefaultBaseCurrency;
}
