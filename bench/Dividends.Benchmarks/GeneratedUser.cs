using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using PortfolioTracker.Dividends.Domain;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.Dividends.Benchmarks;

/// <summary>
/// One user's generated ledger and the dividend events of its symbols, written by the
/// superuser: BUYs and SELLs that never oversell on weekdays, a 2-for-1 split per symbol,
/// quarterly USD dividends with a pay date two weeks after the ex-date, daily USD/EUR rates.
/// </summary>
public sealed record GeneratedUser(Guid Id, IReadOnlyList<string> Symbols, int Events)
{
    public static async Task<GeneratedUser> StoreAsync(NpgsqlDataSource superuser, int symbols, int transactions, int years, DateOnly start)
    {
        var random = new Random(11);
        var id = Guid.NewGuid();
        var names = Enumerable.Range(0, symbols).Select(i => $"DIV{i:D2}").ToList();
        var end = start.AddYears(years);
        await Execute(superuser, "insert into auth.users (id, email, password_hash) values ($1, 'bench@example.test', 'x')", id);
        var portfolio = Guid.NewGuid();
        await Execute(superuser, "insert into portfolios (id, user_id, name, is_default) values ($1, $2, 'Default', true)", portfolio, id);

        // Transactions: spread over the years, per symbol in date order; a sale never exceeds the holding.
        var held = names.ToDictionary(n => n, _ => 0m);
        var cost = names.ToDictionary(n => n, _ => 0m);
        var rows = new List<(string Type, string Symbol, decimal Quantity, decimal Price, DateOnly Date)>();
        var days = end.DayNumber - start.DayNumber;
        for (var i = 0; i < transactions - symbols; i++)
        {
            var date = start.AddDays((int)((long)i * days / transactions));
            if (date.DayOfWeek is DayOfWeek.Saturday) date = date.AddDays(2);
            if (date.DayOfWeek is DayOfWeek.Sunday) date = date.AddDays(1);
            var symbol = names[random.Next(symbols)];
            var price = 50m + random.Next(0, 5000) / 100m;
            if (held[symbol] >= 10 && random.Next(4) == 0)
            {
                var quantity = Math.Floor(held[symbol] / 3);
                cost[symbol] -= cost[symbol] * quantity / held[symbol];
                held[symbol] -= quantity;
                rows.Add(("SELL", symbol, quantity, price, date));
            }
            else
            {
                var quantity = random.Next(1, 50);
                held[symbol] += quantity;
                cost[symbol] += quantity * price;
                rows.Add(("BUY", symbol, quantity, price, date));
            }
        }
        // One 2-for-1 split per symbol, midway.
        foreach (var symbol in names)
        {
            rows.Add(("SPLIT", symbol, 2, 0, start.AddYears(years / 2)));
        }
        await using (var writer = await superuser.OpenConnectionAsync())
        await using (var copy = await writer.BeginBinaryImportAsync(
            "copy transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency, commission) from stdin (format binary)"))
        {
            foreach (var r in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(portfolio, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.Type, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Symbol, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Quantity, NpgsqlDbType.Numeric);
                await copy.WriteAsync(r.Price, NpgsqlDbType.Numeric);
                await copy.WriteAsync(r.Date, NpgsqlDbType.Date);
                await copy.WriteAsync("USD", NpgsqlDbType.Text);
                await copy.WriteAsync(0m, NpgsqlDbType.Numeric);
            }
            await copy.CompleteAsync();
        }
        // Holdings as the ledger adds up (the split doubles what was held before it; close enough for yields).
        foreach (var symbol in names)
        {
            var quantity = held[symbol];
            await Execute(superuser, "insert into holdings (user_id, portfolio_id, symbol, quantity, average_price) values ($1, $2, $3, $4, $5)",
                id, portfolio, symbol, quantity, quantity > 0 ? decimal.Round(cost[symbol] / quantity, 6) : (object)DBNull.Value);
        }

        // Quarterly events for 20 years, and daily USD/EUR over the whole span. The events were
        // stored a day ago, as history is: MarketData's change feed reports changes of the last
        // five minutes as new, which would turn every re-sync into a full one.
        var events = 0;
        var stored = DateTime.UtcNow.AddDays(-1);
        await using (var writer = await superuser.OpenConnectionAsync())
        await using (var copy = await writer.BeginBinaryImportAsync(
            "copy dividend_events (symbol, ex_date, pay_date, amount, currency, dividend_type, source, updated_at) from stdin (format binary)"))
        {
            foreach (var symbol in names)
            {
                for (var exDate = start.AddDays(40); exDate < end; exDate = exDate.AddMonths(3))
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(symbol, NpgsqlDbType.Text);
                    await copy.WriteAsync(exDate, NpgsqlDbType.Date);
                    await copy.WriteAsync(exDate.AddDays(14), NpgsqlDbType.Date);
                    await copy.WriteAsync(0.1m + random.Next(0, 90) / 100m, NpgsqlDbType.Numeric);
                    await copy.WriteAsync("USD", NpgsqlDbType.Text);
                    await copy.WriteAsync("cash", NpgsqlDbType.Text);
                    await copy.WriteAsync("import", NpgsqlDbType.Text);
                    await copy.WriteAsync(stored, NpgsqlDbType.TimestampTz);
                    events++;
                }
            }
            await copy.CompleteAsync();
        }
        await Execute(superuser,
            """
            insert into forex_rates (from_currency, to_currency, date, rate)
            select 'USD', 'EUR', d::date, round((0.85 + 0.1 * sin(extract(epoch from d) / 1e7))::numeric, 6)
            from generate_series($1::date, $2::date, interval '1 day') d
            on conflict do nothing
            """, start.ToDateTime(TimeOnly.MinValue), DateTime.UtcNow.Date);
        await Execute(superuser, "analyze");
        return new GeneratedUser(id, names, events);
    }

    public static List<Domain.PositionHistory> Positions(GetShareHistoryResponse history) => Application.LedgerReader.ToDomain(history);

    public static Dictionary<string, IReadOnlyList<DividendEventInfo>> EventsOf(GetDividendEventsBatchResponse batch) =>
        batch.Series.ToDictionary(s => s.Symbol, s => (IReadOnlyList<DividendEventInfo>)[.. s.Events.Select(e => new DividendEventInfo(
            s.Symbol, DateOnly.ParseExact(e.ExDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateOnly.ParseExact(e.PayDate, "yyyy-MM-dd", CultureInfo.InvariantCulture), null, null,
            decimal.Parse(e.Amount, CultureInfo.InvariantCulture), e.Currency, e.DividendType, e.Source))]);

    private static async Task Execute(NpgsqlDataSource source, string sql, params object[] args)
    {
        await using var command = source.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        await command.ExecuteNonQueryAsync();
    }
}
