using Npgsql;
using PortfolioTracker.MarketData.Data;

namespace PortfolioTracker.MarketData.Tests;

/// <summary>The bulk upsert as the service runs it: service_role, staged by COPY, merged by UPDATE then INSERT.</summary>
public sealed class PriceUpsertTests : IAsyncLifetime
{
    private PostgresServer _postgres = null!;
    private NpgsqlDataSource _superuser = null!;
    private NpgsqlDataSource _authenticator = null!;
    private RlsDatabase _database = null!;
    private readonly PriceRepository _prices = new();

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartMigratedAsync();
        _superuser = NpgsqlDataSource.Create(_postgres.SuperuserConnectionString());
        _authenticator = NpgsqlDataSource.Create(_postgres.AuthenticatorConnectionString);
        _database = new RlsDatabase(_authenticator);
    }

    public async Task DisposeAsync()
    {
        await _authenticator.DisposeAsync();
        await _superuser.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    private static List<DailyBar> Bars(int days, decimal close = 100m) =>
        Enumerable.Range(0, days)
            .Select(d => new DailyBar(new DateOnly(2024, 1, 1).AddDays(d), close, close + 1, close - 1, close, close, 1000 + d, 0m, 1m))
            .ToList();

    private Task<int> UpsertAsync(params (string Symbol, IReadOnlyList<DailyBar> Bars)[] series) =>
        _database.RunAsync(DbClaims.ServiceRole, session => _prices.UpsertAsync(session, series, default), default);

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = _superuser.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task NewBarsAreInsertedChangedOnesUpdatedAndIdenticalOnesLeftAlone()
    {
        var first = await UpsertAsync(("UPA", Bars(5)), ("UPB", Bars(3)));
        var again = await UpsertAsync(("UPA", Bars(5)), ("UPB", Bars(3)));
        var changedAndNew = Bars(7);
        changedAndNew[1] = changedAndNew[1] with { Close = 100.5m, AdjustedClose = 100.5m };
        var mixed = await UpsertAsync(("UPA", changedAndNew));

        Assert.Equal(8, first);
        Assert.Equal(0, again);
        Assert.Equal(3, mixed); // one changed, two new
        Assert.Equal(7, await ScalarAsync("select count(*) from historical_prices where symbol = 'UPA'"));
        Assert.Equal(100.5m, await ScalarDecimalAsync("select close from historical_prices where symbol = 'UPA' and date = '2024-01-02'"));
        Assert.Equal(100m, await ScalarDecimalAsync("select close from historical_prices where symbol = 'UPA' and date = '2024-01-03'"));
    }

    [Fact]
    public async Task TwoWritersOfTheSameNewBarsBothSucceedAndEachBarIsStoredOnce()
    {
        var bars = Bars(400);

        var results = await Task.WhenAll(
            Task.Run(() => UpsertAsync(("RACE", bars), ("RACEB", bars))),
            Task.Run(() => UpsertAsync(("RACEB", bars), ("RACE", bars))));

        Assert.Equal(800, results.Sum()); // whoever came second found every bar already stored
        Assert.Equal(800, await ScalarAsync("select count(*) from historical_prices where symbol in ('RACE', 'RACEB')"));
    }

    [Fact]
    public async Task ABatchWithOneBarTheDatabaseRefusesStoresNothing()
    {
        await UpsertAsync(("ATOM", Bars(2)));
        var batch = Bars(4, close: 120m);
        batch[3] = batch[3] with { Low = batch[3].High + 1 }; // low above high: the OHLC check refuses it

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => UpsertAsync(("ATOM", batch), ("ATOMB", Bars(3))));

        Assert.Equal(2, await ScalarAsync("select count(*) from historical_prices where symbol = 'ATOM'"));
        Assert.Equal(0, await ScalarAsync("select count(*) from historical_prices where symbol = 'ATOM' and close = 120"));
        Assert.Equal(0, await ScalarAsync("select count(*) from historical_prices where symbol = 'ATOMB'"));
    }

    private async Task<decimal> ScalarDecimalAsync(string sql)
    {
        await using var command = _superuser.CreateCommand(sql);
        return (decimal)(await command.ExecuteScalarAsync())!;
    }
}
