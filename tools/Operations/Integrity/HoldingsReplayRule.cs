using System.Runtime.CompilerServices;
using Npgsql;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain;
using PortfolioTracker.Portfolio.Domain.Holdings;

namespace PortfolioTracker.Operations.Integrity;

/// <summary>
/// Every holding equals what its transactions add up to, replayed by the Portfolio service's
/// own <see cref="PositionReplay"/> in its own ledger order: a position that was traded has a
/// holding with the same quantity and average price (a closed one: quantity 0), one that never
/// was has none, and a ledger that cannot stand (an oversell) is reported as such.
/// </summary>
/// <remarks>
/// Transactions are streamed in key order and replayed one position at a time, so memory holds
/// the holdings table and one position's ledger, not every transaction.
/// </remarks>
public sealed class HoldingsReplayRule : IIntegrityRule
{
    public string Name => "holdings";

    private readonly record struct Position(Guid UserId, Guid PortfolioId, string Symbol);

    public async IAsyncEnumerable<IntegrityProblem> FindAsync(NpgsqlConnection connection, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stored = new Dictionary<Position, (decimal Quantity, decimal? AveragePrice)>();
        await using (var command = new NpgsqlCommand("select user_id, portfolio_id, symbol, quantity, average_price from public.holdings", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[new Position(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2))] =
                    (reader.GetDecimal(3), reader.IsDBNull(4) ? null : reader.GetDecimal(4));
            }
        }

        await using (var command = new NpgsqlCommand(
            $"""
            select user_id, portfolio_id, symbol, id, transaction_type, date, quantity, price, currency
            from public.transactions
            order by user_id, portfolio_id, symbol, {LedgerSql.ProcessingOrder}
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            Position? current = null;
            var ledger = new List<LedgerLine>();
            while (true)
            {
                var more = await reader.ReadAsync(cancellationToken);
                var position = more ? new Position(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2)) : (Position?)null;
                if (current is { } done && position != done)
                {
                    if (Compare(done, ledger, stored) is { } problem)
                    {
                        yield return problem;
                    }
                    stored.Remove(done);
                    ledger.Clear();
                }
                if (position is null)
                {
                    break;
                }
                current = position;
                TransactionTypes.TryParse(reader.GetString(4), out var type);
                ledger.Add(new LedgerLine(reader.GetGuid(3), type, reader.GetFieldValue<DateOnly>(5), reader.GetDecimal(6), reader.GetDecimal(7), reader.GetString(8)));
            }
        }

        foreach (var (position, holding) in stored.OrderBy(s => s.Key.UserId).ThenBy(s => s.Key.PortfolioId).ThenBy(s => s.Key.Symbol, StringComparer.Ordinal))
        {
            yield return new IntegrityProblem(Name, Describe(position),
                $"holding of {holding.Quantity} has no BUY, SELL or SPLIT transaction behind it");
        }
    }

    private IntegrityProblem? Compare(Position position, List<LedgerLine> ledger, Dictionary<Position, (decimal Quantity, decimal? AveragePrice)> stored)
    {
        var (replayed, problem) = PositionReplay.Replay(ledger);
        var has = stored.TryGetValue(position, out var holding);
        if (problem is not null)
        {
            return new IntegrityProblem(Name, Describe(position),
                $"the transactions cannot stand: transaction {problem.TransactionId} ({problem.Date:yyyy-MM-dd}) {problem.Field} {problem.Description}");
        }
        if (replayed is null)
        {
            return has
                ? new IntegrityProblem(Name, Describe(position), $"holding of {holding.Quantity} has no BUY, SELL or SPLIT transaction behind it")
                : null;
        }
        if (!has)
        {
            return new IntegrityProblem(Name, Describe(position),
                $"no holding, but the transactions add up to {replayed.Quantity} at average price {Text(replayed.AveragePrice)}");
        }
        return holding.Quantity == replayed.Quantity && holding.AveragePrice == replayed.AveragePrice
            ? null
            : new IntegrityProblem(Name, Describe(position),
                $"holding is {holding.Quantity} at average price {Text(holding.AveragePrice)}, " +
                $"the transactions add up to {replayed.Quantity} at {Text(replayed.AveragePrice)}");
    }

    private static string Describe(Position position) =>
        $"holdings user {position.UserId} portfolio {position.PortfolioId} {position.Symbol}";

    private static string Text(decimal? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
