using Npgsql;
using PortfolioTracker.Portfolio.Domain.Metrics;

namespace PortfolioTracker.Portfolio.Data;

/// <summary>The one reading of a transaction row as the metrics engine holds it, for every ledger query.</summary>
internal static class LedgerRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order (prefix each with the table's alias where a query joins).</summary>
    public const string Columns = "id, portfolio_id, transaction_type, symbol, date, quantity, price, commission, currency, created_at";

    /// <summary>
    /// The transaction whose <see cref="Columns"/> start at <paramref name="first"/>. With
    /// <paramref name="strings"/>, symbols and currencies are kept once each: a ledger repeats a few
    /// of them thousands of times.
    /// </summary>
    public static UserLedger.Row Read(NpgsqlDataReader reader, int first, Dictionary<string, string>? strings) =>
        Row(reader.GetGuid(first), reader.GetGuid(first + 1), reader.GetString(first + 2), Shared(strings, reader.GetString(first + 3)),
            reader.GetFieldValue<DateOnly>(first + 4), reader.GetDecimal(first + 5), reader.GetDecimal(first + 6), reader.GetDecimal(first + 7),
            Shared(strings, reader.GetString(first + 8)), reader.GetDateTime(first + 9));

    /// <summary>A row this service stored (as its write returned it), as a read of the ledger gives it.</summary>
    public static UserLedger.Row From(TransactionRow stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Row(stored.Id, stored.PortfolioId, stored.TransactionType, stored.Symbol, stored.Date, stored.Quantity, stored.Price,
            stored.Commission, stored.Currency, stored.CreatedAt);
    }

    private static UserLedger.Row Row(
        Guid id, Guid portfolioId, string type, string symbol, DateOnly date, decimal quantity, decimal price, decimal commission, string currency,
        DateTime recordedAt)
    {
        TransactionTypes.TryParse(type, out var parsed);
        return new UserLedger.Row(new LedgerEntry(id, parsed, symbol, date, quantity, price, commission, currency), portfolioId, recordedAt);
    }

    private static string Shared(Dictionary<string, string>? strings, string value)
    {
        if (strings is null)
        {
            return value;
        }
        if (strings.TryGetValue(value, out var shared))
        {
            return shared;
        }
        strings[value] = value;
        return value;
    }
}
