using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace PortfolioTracker.Database.Benchmarks;

/// <summary>
/// The same indexed read of one user's transactions, as authenticated (RLS policy
/// "(select auth.uid()) = user_id" applies) and as service_role (BYPASSRLS, the baseline).
/// Both go through the services' session pattern, so the difference is the policy's cost.
/// Users rotate per call so that no single user's pages stay hotter than the others'.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RlsOverheadBenchmarks
{
    private const string SymbolYear = "one symbol, one year";
    private const string LatestPage = "latest 100 of a portfolio";

    private BenchDatabase _db = null!;
    private int _next;

    [GlobalSetup]
    public void Setup() => _db = BenchDatabase.Current ?? throw new InvalidOperationException("Program sets up the database first");

    [Benchmark(Baseline = true, Description = "service_role")]
    [BenchmarkCategory(SymbolYear)]
    public Task<int> SymbolYearAsServiceRole() => SymbolYearAs(BenchDatabase.ServiceRole);

    [Benchmark(Description = "authenticated")]
    [BenchmarkCategory(SymbolYear)]
    public Task<int> SymbolYearAsAuthenticated() => SymbolYearAs(BenchDatabase.Authenticated);

    [Benchmark(Baseline = true, Description = "service_role")]
    [BenchmarkCategory(LatestPage)]
    public Task<int> LatestPageAsServiceRole() => LatestPageAs(BenchDatabase.ServiceRole);

    [Benchmark(Description = "authenticated")]
    [BenchmarkCategory(LatestPage)]
    public Task<int> LatestPageAsAuthenticated() => LatestPageAs(BenchDatabase.Authenticated);

    private Task<int> SymbolYearAs(string role)
    {
        var i = _next++;
        var owner = _db.Owners[i % _db.Owners.Count];
        return _db.QueryAsync(role, owner, BenchDatabase.SymbolYearSql, BenchDatabase.SymbolYearArgs(owner, i / _db.Owners.Count));
    }

    private Task<int> LatestPageAs(string role)
    {
        var owner = _db.Owners[_next++ % _db.Owners.Count];
        return _db.QueryAsync(role, owner, BenchDatabase.LatestPageSql, BenchDatabase.LatestPageArgs(owner));
    }
}
