using Npgsql;
using NpgsqlTypes;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Data;

/// <summary>The caller's transactions as the metrics engine reads them, their version, and the profile's base currency.</summary>
public sealed class LedgerRepository
{
    public const string DefaultBaseCurrency = "USD";

    /// <summary>
    /// The caller's ledger counter (0 before any transaction), base currency, and whether
    /// <paramref name="portfolioId"/> (when given) is one of theirs, in one round trip.
    /// Read it before <see cref="ReadAllAsync"/>: a change committed in between then makes the
    /// copy look older than it is (a needless re-read), never newer.
    /// </summary>
    public async Task<(long Version, string BaseCurrency, bool PortfolioFound)> ReadVersionAsync(
        RlsSession session, Guid userId, Guid? portfolioId, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select public.ledger_version(), (select base_currency from user_profiles where user_id = $1),
                   $2::uuid is null or exists (select 1 from portfolios where user_id = $1 and id = $2)
            """,
            ct, userId, new NpgsqlParameter { Value = (object?)portfolioId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? DefaultBaseCurrency : reader.GetString(1), reader.GetBoolean(2));
    }

    /// <summary>Every transaction of the caller, all portfolios and dates, in processing order (<c>LedgerOrder</c>).</summary>
    public async Task<UserLedger> ReadAllAsync(RlsSession session, Guid userId, long version, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"""
            select id, portfolio_id, transaction_type, symbol, date, quantity, price, commission, currency from transactions
            where user_id = $1
            order by {LedgerSql.ProcessingOrder}
            """,
            ct, userId);
        var entries = new List<LedgerEntry>();
        var portfolios = new List<Guid>();
        // A ledger repeats a few symbols and currencies thousands of times: keep one string of each.
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            TransactionTypes.TryParse(reader.GetString(2), out var type);
            entries.Add(new LedgerEntry(reader.GetGuid(0), type, Shared(strings, reader.GetString(3)), reader.GetFieldValue<DateOnly>(4),
                reader.GetDecimal(5), reader.GetDecimal(6), reader.GetDecimal(7), Shared(strings, reader.GetString(8))));
            portfolios.Add(reader.GetGuid(1));
        }
        return new UserLedger(version, [.. entries], [.. portfolios]);
    }

    private static string Shared(Dictionary<string, string> strings, string value)
    {
        if (strings.TryGetValue(value, out var shared))
        {
            return shared;
        }
        strings[value] = value;
        return value;
    }
}
