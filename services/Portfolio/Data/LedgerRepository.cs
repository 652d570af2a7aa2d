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
        var read = await ReadVersionAsync(session, userId, portfolioId, heldVersion: null, ct);
        return (read.Version, read.BaseCurrency, read.PortfolioFound);
    }

    /// <summary>
    /// <see cref="ReadVersionAsync(RlsSession, Guid, Guid?, CancellationToken)"/>, and in the same
    /// statement the earliest transaction date changed since the counter stood at
    /// <paramref name="heldVersion"/> (<c>public.ledger_changed_since</c>; null when it has not moved
    /// or nothing is held), so the metrics state recomputes only from that date.
    /// </summary>
    public async Task<(long Version, string BaseCurrency, bool PortfolioFound, DateOnly? ChangedSince)> ReadVersionAsync(
        RlsSession session, Guid userId, Guid? portfolioId, long? heldVersion, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select public.ledger_version(), (select base_currency from user_profiles where user_id = $1),
                   $2::uuid is null or exists (select 1 from portfolios where user_id = $1 and id = $2),
                   case when $3::bigint is null then null else public.ledger_changed_since($3) end
            """,
            ct, userId, new NpgsqlParameter { Value = (object?)portfolioId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
            new NpgsqlParameter { Value = (object?)heldVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? DefaultBaseCurrency : reader.GetString(1), reader.GetBoolean(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3));
    }

    /// <summary>Every transaction of the caller, all portfolios and dates, in processing order (<c>LedgerOrder</c>).</summary>
    public async Task<UserLedger> ReadAllAsync(RlsSession session, Guid userId, long version, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            // The counter in the same statement (one snapshot): what version these very rows are.
            // Materialized, so it is asked once: inlined, PostgreSQL evaluated it for every row
            // (2.5 s instead of 0.14 s for 100,000 rows).
            $"""
            with counter as materialized (select public.ledger_version() as version)
            select id, portfolio_id, transaction_type, symbol, date, quantity, price, commission, currency, counter.version
            from transactions, counter
            where user_id = $1
            order by {LedgerSql.ProcessingOrder}
            """,
            ct, userId);
        var entries = new List<LedgerEntry>();
        var portfolios = new List<Guid>();
        // A ledger repeats a few symbols and currencies thousands of times: keep one string of each.
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = version;
        while (await reader.ReadAsync(ct))
        {
            seen = reader.GetInt64(9);
            TransactionTypes.TryParse(reader.GetString(2), out var type);
            entries.Add(new LedgerEntry(reader.GetGuid(0), type, Shared(strings, reader.GetString(3)), reader.GetFieldValue<DateOnly>(4),
                reader.GetDecimal(5), reader.GetDecimal(6), reader.GetDecimal(7), Shared(strings, reader.GetString(8))));
            portfolios.Add(reader.GetGuid(1));
        }
        return new UserLedger(version, [.. entries], [.. portfolios]) { ReadAtVersion = seen };
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
