using Npgsql;
using NpgsqlTypes;
using PortfolioTracker.Portfolio.Domain.Metrics;

namespace PortfolioTracker.Portfolio.Benchmarks;

/// <summary>Deterministic data: 50 symbols with 10 years of weekday closes, USD/CHF rates, users with N trades.</summary>
internal static class Generated
{
    public sealed record GeneratedMarket(IReadOnlyList<string> Symbols, MarketSnapshot Snapshot, Dictionary<string, List<(DateOnly, decimal)>> Closes, List<(DateOnly, decimal)> UsdChf);

    public static GeneratedMarket Market(int symbols, DateOnly start, DateOnly end)
    {
        var names = Enumerable.Range(0, symbols).Select(s => $"S{s}").ToList();
        var closes = new Dictionary<string, List<(DateOnly, decimal)>>();
        var random = new Random(7);
        foreach (var name in names)
        {
            var series = new List<(DateOnly, decimal)>();
            var price = 50m + random.Next(100);
            for (var day = start; day <= end; day = day.AddDays(1))
            {
                if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
                price = Math.Max(1m, Math.Round(price * (1m + (decimal)(random.NextDouble() - 0.5) / 40m), 2));
                series.Add((day, price));
            }
            closes[name] = series;
        }
        var fx = new List<(DateOnly, decimal)>();
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            fx.Add((day, 0.9m + day.DayNumber % 100 / 1000m));
        }
        var securities = names.ToDictionary(n => n, n => new Security("USD", "Sector" + n.Length % 5, new ClosePriceSeries(closes[n])));
        return new GeneratedMarket(names, new MarketSnapshot(securities, new FxTable(fx.Select(f => new FxQuote("USD", "CHF", f.Item1, f.Item2)))), closes, fx);
    }

    public static async Task StoreMarketAsync(NpgsqlDataSource superuser, GeneratedMarket market, DateOnly start, DateOnly end)
    {
        await using var connection = await superuser.OpenConnectionAsync();
        await using (var stocks = new NpgsqlCommand("insert into stocks (symbol, currency) select unnest($1::text[]), 'USD'", connection))
        {
            stocks.Parameters.Add(new NpgsqlParameter { Value = market.Symbols.ToArray() });
            await stocks.ExecuteNonQueryAsync();
        }
        await using var importer = await connection.BeginBinaryImportAsync(
            "copy historical_prices (symbol, date, open, high, low, close, adjusted_close, volume) from stdin (format binary)");
        foreach (var (symbol, series) in market.Closes)
        {
            foreach (var (date, close) in series)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(symbol, NpgsqlDbType.Varchar);
                await importer.WriteAsync(date, NpgsqlDbType.Date);
                for (var i = 0; i < 5; i++)
                {
                    await importer.WriteAsync(close, NpgsqlDbType.Numeric);
                }
                await importer.WriteAsync(1000L, NpgsqlDbType.Bigint);
            }
        }
        await importer.CompleteAsync();
    }

    /// <summary>A user whose trades never sell more than held, spread evenly over the period.</summary>
    public static async Task<Guid> StoreUserAsync(NpgsqlDataSource superuser, int transactions, int symbols, DateOnly start, DateOnly end)
    {
        var userId = Guid.NewGuid();
        var portfolioId = Guid.NewGuid();
        await using var connection = await superuser.OpenConnectionAsync();
        await using (var user = new NpgsqlCommand("insert into auth.users (id, email, password_hash) values ($1, $1::text || '@bench.example', 'x')", connection))
        {
            user.Parameters.Add(new NpgsqlParameter { Value = userId });
            await user.ExecuteNonQueryAsync();
        }
        await using (var portfolio = new NpgsqlCommand("insert into portfolios (id, user_id, name, is_default) values ($1, $2, 'Default', true)", connection))
        {
            portfolio.Parameters.Add(new NpgsqlParameter { Value = portfolioId });
            portfolio.Parameters.Add(new NpgsqlParameter { Value = userId });
            await portfolio.ExecuteNonQueryAsync();
        }
        // The load is setup, not user activity: skip the audit trigger for it.
        await using (var replica = new NpgsqlCommand("set session_replication_role = replica", connection))
        {
            await replica.ExecuteNonQueryAsync();
        }
        var random = new Random(transactions);
        var held = new decimal[symbols];
        var days = end.DayNumber - start.DayNumber;
        await using var importer = await connection.BeginBinaryImportAsync(
            "copy transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency, commission) from stdin (format binary)");
        for (var i = 0; i < transactions; i++)
        {
            var date = start.AddDays((int)((long)i * days / transactions));
            var s = random.Next(symbols);
            var sell = held[s] > 10 && random.Next(3) == 0;
            var quantity = sell ? Math.Round(held[s] / 3, 4) : random.Next(1, 50);
            held[s] += sell ? -quantity : quantity;
            await importer.StartRowAsync();
            await importer.WriteAsync(userId, NpgsqlDbType.Uuid);
            await importer.WriteAsync(portfolioId, NpgsqlDbType.Uuid);
            await importer.WriteAsync(sell ? "SELL" : "BUY", NpgsqlDbType.Text);
            await importer.WriteAsync($"S{s}", NpgsqlDbType.Text);
            await importer.WriteAsync(quantity, NpgsqlDbType.Numeric);
            await importer.WriteAsync(60m + random.Next(40), NpgsqlDbType.Numeric);
            await importer.WriteAsync(date, NpgsqlDbType.Date);
            await importer.WriteAsync("USD", NpgsqlDbType.Text);
            await importer.WriteAsync(1m, NpgsqlDbType.Numeric);
        }
        await importer.CompleteAsync();
        return userId;
    }
}
