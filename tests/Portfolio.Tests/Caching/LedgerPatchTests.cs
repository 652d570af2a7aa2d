using System.Text.Json;
using Microsoft.Extensions.Options;
using PortfolioTracker.Portfolio.Application.Metrics;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Tests.Metrics;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Tests.Caching;

/// <summary>
/// A held ledger one or a few versions behind is patched with the rows changed since (read with
/// the version check) instead of read again; the patched copy is exactly a fresh full read, and
/// the metrics from it exactly a full replay. A cold start reads a persisted checkpoint and the
/// entries after it instead, with the same figures.
/// </summary>
public sealed class LedgerPatchTests(CacheStores stores) : IClassFixture<CacheStores>
{
    private static readonly string[] Symbols = ["AAA", "BBB", "EEE"];
    private static readonly DateOnly Start = RandomLedger.Start;


    private readonly LedgerRepository _repository = new();

    private sealed record User(Guid Id, DbClaims Claims, Guid[] Portfolios);

    private async Task<User> CreateUserAsync()
    {
        var (id, claims) = await stores.CreateUserAsync();
        var portfolios = new Guid[2];
        for (var i = 0; i < portfolios.Length; i++)
        {
            portfolios[i] = await stores.Database.RunAsync(claims, session => session.ExecuteScalarAsync<Guid>(
                "insert into portfolios (user_id, name) values ($1, 'P ' || gen_random_uuid()) returning id", default, id), default);
        }
        return new User(id, claims, portfolios);
    }

    /// <summary><paramref name="count"/> random rows in one statement (they share created_at: the id orders them).</summary>
    private Task InsertAsync(User user, Random random, int count, int fromDay = 0) =>
        stores.Database.RunAsync(user.Claims, session => session.ExecuteNonQueryAsync(
            """
            insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency, commission)
            select $1, (($2::uuid[])[1 + (n % 2)]), t, s, q, p, d, c, f
            from unnest($3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::date[], $8::text[], $9::numeric[], $10::int[])
              as r(t, s, q, p, d, c, f, n)
            """, default, user.Id, user.Portfolios,
            Rows(random, count, fromDay, out var symbols, out var quantities, out var prices, out var dates, out var currencies, out var fees, out var picks),
            symbols, quantities, prices, dates, currencies, fees, picks), default);

    private static string[] Rows(
        Random random, int count, int fromDay, out string[] symbols, out decimal[] quantities, out decimal[] prices, out DateOnly[] dates,
        out string[] currencies, out decimal[] fees, out int[] portfolios)
    {
        var types = new string[count];
        (symbols, quantities, prices, dates, currencies, fees, portfolios) =
            (new string[count], new decimal[count], new decimal[count], new DateOnly[count], new string[count], new decimal[count], new int[count]);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(10);
            // Mostly buys, few small sells, so most histories can be valued (an oversell fails both paths alike).
            types[i] = roll < 6 ? "BUY" : roll < 7 ? "SELL" : roll < 8 ? "DEPOSIT" : "DIVIDEND";
            symbols[i] = types[i] == "DEPOSIT" ? "USD" : Symbols[random.Next(Symbols.Length)];
            quantities[i] = types[i] == "SELL"
                ? Math.Round(0.01m + (decimal)random.NextDouble() / 2, 2)
                : Math.Round(1 + (decimal)random.NextDouble() * 20, random.Next(0, 4));
            prices[i] = Math.Round(5 + (decimal)random.NextDouble() * 200, random.Next(1, 4));
            // Sells come last (from day 120), so they rarely sell what was not bought yet.
            dates[i] = Start.AddDays(types[i] == "SELL" ? random.Next(Math.Max(fromDay, 120), RandomLedger.Span) : random.Next(fromDay, 120));
            currencies[i] = symbols[i] == "EEE" ? "EUR" : random.Next(4) == 0 ? "EUR" : "USD";
            fees[i] = random.Next(3) == 0 ? 0m : Math.Round((decimal)random.NextDouble() * 5, 2);
            portfolios[i] = random.Next(2);
        }
        return types;
    }

    // Rows are picked at a position the seeded random draws (a fraction of the user's rows) in an order of
    // their generated values, not by the database's random(): each run then makes the same changes (a run
    // whose changes happened to leave too few valid checkpoints failed the cold-start test's count).
    private static string SeededPick(string rows, string fraction, int count) =>
        $"""
        select id from transactions where {rows}
        order by date, symbol, quantity, price, transaction_type, id
        offset floor({fraction} * ((select count(*) from transactions where {rows}) - {count} + 1)) limit {count}
        """;

    private Task ChangeAsync(User user, Random random) => random.Next(3) switch
    {
        // A few rows moved to another date (earlier or later) with another quantity.
        0 => stores.Database.RunAsync(user.Claims, session => session.ExecuteNonQueryAsync(
            $"""
            update transactions set date = $2::date + $3, quantity = quantity + 1
            where id in ({SeededPick("user_id = $1 and transaction_type <> 'SELL'", "$4", 3)})
            """, default, user.Id, Start, random.Next(110), random.NextDouble()), default),
        1 => stores.Database.RunAsync(user.Claims, session => session.ExecuteNonQueryAsync(
            $"delete from transactions where id in ({SeededPick("user_id = $1", "$2", 2)})",
            default, user.Id, random.NextDouble()), default),
        // A backdated write (or a few in one statement).
        _ => InsertAsync(user, random, 1 + random.Next(3)),
    };

    private Task<UserLedger> FullReadAsync(User user) => stores.Database.RunAsync(user.Claims, async session =>
    {
        var (version, _, _) = await _repository.ReadVersionAsync(session, user.Id, null, default);
        return await _repository.ReadAllAsync(session, user.Id, version, default);
    }, default);

    private Task<UserLedger> CurrentAsync(User user, LedgerSource source) =>
        stores.Database.RunAsync(user.Claims, async session => (await source.ReadAsync(session, user.Id, null, default)).Ledger!, default);

    private static string Describe(UserLedger ledger, Guid[] portfolios) =>
        string.Join('\n', ledger.All(null).Select(e => JsonSerializer.Serialize(e))) + "\n" +
        string.Join('|', portfolios.Select(p => string.Join(',', ledger.All(p).Select(e => e.Id))));

    [Fact]
    public async Task APatchedLedgerEqualsAFreshFullReadAfterRandomInsertsUpdatesAndDeletes()
    {
        var random = new Random(13);
        var user = await CreateUserAsync();
        await InsertAsync(user, random, 200);
        using var cache = new LedgerCache(Options.Create(new InMemoryOptions()));
        var source = new LedgerSource(_repository, cache);
        var first = await CurrentAsync(user, source);
        var patches = 0;

        for (var step = 0; step < 40; step++)
        {
            var before = await CurrentAsync(user, source);
            for (var writes = 1 + random.Next(3); writes > 0; writes--)
            {
                await ChangeAsync(user, random);
            }
            var patched = await CurrentAsync(user, source);
            var fresh = await FullReadAsync(user);

            Assert.Equal(fresh.Version, patched.Version);
            Assert.Equal(Describe(fresh, user.Portfolios), Describe(patched, user.Portfolios));
            // Patched, not read again: the entries no write touched are the very objects held before.
            var unchanged = patched.All(null).Intersect(before.All(null), ReferenceEqualityComparer.Instance).Count();
            Assert.True(unchanged >= patched.Count - 12, $"step {step}: only {unchanged} of {patched.Count} entries kept");
            Assert.Equal(before.Version, patched.PreviousVersion);
            patches++;
        }
        Assert.Equal(40, patches);
        Assert.NotEqual(first.Version, (await CurrentAsync(user, source)).Version);
    }

    [Fact]
    public async Task ABulkWriteBeyondWhatTheChangeRecordListsIsReadInFull()
    {
        var random = new Random(5);
        var user = await CreateUserAsync();
        await InsertAsync(user, random, 20);
        using var cache = new LedgerCache(Options.Create(new InMemoryOptions()));
        var source = new LedgerSource(_repository, cache);
        var before = await CurrentAsync(user, source);

        await InsertAsync(user, random, 300); // more rows than one change records ids for
        var after = await CurrentAsync(user, source);
        var fresh = await FullReadAsync(user);

        Assert.Equal(Describe(fresh, user.Portfolios), Describe(after, user.Portfolios));
        Assert.Empty(after.All(null).Intersect(before.All(null), ReferenceEqualityComparer.Instance));
    }

    [Fact]
    public async Task MetricsFromPatchedLedgersEqualAFullReplay()
    {
        var random = new Random(21);
        var market = new RandomLedger(21).Market();
        var user = await CreateUserAsync();
        await InsertAsync(user, random, 150);
        using var cache = new LedgerCache(Options.Create(new InMemoryOptions()));
        var source = new LedgerSource(_repository, cache);
        var asOf = Start.AddDays(RandomLedger.Span);
        var held = await CurrentAsync(user, source);
        var state = LedgerState.Build(held.All(null), RandomLedger.MarketAsOf(market, held.All(null), asOf), "USD", asOf);
        var (figures, errors) = (0, 0);

        for (var step = 0; step < 25; step++)
        {
            await ChangeAsync(user, random);
            var patched = await CurrentAsync(user, source);
            Assert.Equal(held.Version, patched.PreviousVersion);
            var entries = patched.All(null);
            var snapshot = RandomLedger.MarketAsOf(market, entries, asOf);
            state = state.Current(entries, snapshot, asOf, patched.ChangedFrom);
            var fresh = (await FullReadAsync(user)).All(null);

            var replay = Outcome(() => Json(PortfolioCalculator.Summarize(Domain.Metrics.Ledger.Create(fresh), snapshot, "USD", asOf)));
            var incremental = Outcome(() => Json(state.Summarize(snapshot, asOf)));
            var series = Outcome(() => Json(PerformanceCalculator.DailySeries(Domain.Metrics.Ledger.Create(fresh), snapshot, "USD", asOf)));
            var heldSeries = Outcome(() => Json(state.DailySeries(snapshot, asOf)));

            Assert.Equal(replay, incremental);
            Assert.Equal(series, heldSeries);
            (figures, errors) = replay.StartsWith("error", StringComparison.Ordinal) ? (figures, errors + 1) : (figures + 1, errors);
            held = patched;
        }
        Assert.True(figures >= 5, $"only {figures} of 25 steps compared figures ({errors} compared errors)");
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static string Outcome(Func<string> compute)
    {
        try
        {
            return compute();
        }
        catch (MetricsException exception)
        {
            return "error " + exception.GetType().Name + ": " + exception.Message;
        }
    }

    [Fact]
    public async Task AColdSummaryFromPersistedCheckpointsEqualsAFullReplayAlsoAfterBackdatedChanges()
    {
        var random = new Random(34);
        var market = new RandomLedger(34).Market();
        var user = await CreateUserAsync();
        await InsertAsync(user, random, 1_500); // several checkpoints (one per 256 entries or more)
        var checkpoints = new LedgerCheckpointRepository();
        var asOf = Start.AddDays(RandomLedger.Span);
        var (used, compared) = (0, 0);

        for (var step = 0; step < 12; step++)
        {
            // Persist the state of the current ledger, then change it (a backdated write, an update, a delete).
            var held = await FullReadAsync(user);
            var state = LedgerState.Build(held.All(null), RandomLedger.MarketAsOf(market, held.All(null), asOf), "USD", asOf);
            await stores.Database.RunAsync(user.Claims,
                session => checkpoints.ReplaceAsync(session, user.Id, "USD", held.Version, state.Durable(CheckpointWriter.Kept), default), default);
            await ChangeAsync(user, random);

            foreach (var day in new[] { asOf, Start.AddDays(random.Next(RandomLedger.Span)) })
            {
                var cold = await stores.Database.RunAsync(user.Claims, session => checkpoints.ReadColdAsync(session, user.Id, null, day, default), default);
                var fresh = (await FullReadAsync(user)).All(null);
                var snapshot = RandomLedger.MarketAsOf(market, fresh, day);
                var replay = Outcome(() => Json(PortfolioCalculator.Summarize(Domain.Metrics.Ledger.Create(fresh), snapshot, "USD", day)));
                if (cold is null)
                {
                    continue; // no checkpoint on or before the day survived the change
                }
                Assert.True(cold.Checkpoint.FitsMarket(snapshot, "USD"));
                Assert.True(cold.Checkpoint.Day <= day);
                Assert.All(cold.After, e => Assert.InRange(e.Date, cold.Checkpoint.Day.AddDays(1), day));
                Assert.Equal(replay, Outcome(() => Json(cold.Checkpoint.Summarize(cold.After, snapshot, cold.BaseCurrency, day))));
                used++;
                compared += replay.StartsWith("error", StringComparison.Ordinal) ? 0 : 1;
            }
        }
        Assert.True(used >= 8, $"only {used} cold reads found a valid checkpoint");
        Assert.True(compared >= 6, $"only {compared} compared figures");
    }

    [Fact]
    public async Task ACheckpointDatedOnOrAfterABackdatedChangeIsNotUsed()
    {
        var random = new Random(55);
        var market = new RandomLedger(55).Market();
        var user = await CreateUserAsync();
        await InsertAsync(user, random, 1_200, fromDay: 40);
        var checkpoints = new LedgerCheckpointRepository();
        var asOf = Start.AddDays(RandomLedger.Span);
        var held = await FullReadAsync(user);
        var state = LedgerState.Build(held.All(null), RandomLedger.MarketAsOf(market, held.All(null), asOf), "USD", asOf);
        await stores.Database.RunAsync(user.Claims,
            session => checkpoints.ReplaceAsync(session, user.Id, "USD", held.Version, state.Durable(CheckpointWriter.Kept), default), default);
        var before = await stores.Database.RunAsync(user.Claims, session => checkpoints.ReadColdAsync(session, user.Id, null, asOf, default), default);

        // One more row, then dated day 10: before every checkpoint (all other rows are from day 40 on).
        await InsertAsync(user, random, 1, fromDay: 10);
        await stores.Database.RunAsync(user.Claims, session => session.ExecuteNonQueryAsync(
            "update transactions set date = $2 where id = (select id from transactions where user_id = $1 and date < $3 limit 1)",
            default, user.Id, Start.AddDays(10), Start.AddDays(40)), default);
        var after = await stores.Database.RunAsync(user.Claims, session => checkpoints.ReadColdAsync(session, user.Id, null, asOf, default), default);

        Assert.NotNull(before);
        Assert.Equal(state.LastCheckpointDay, before.Checkpoint.Day);
        Assert.Null(after);
    }
}
