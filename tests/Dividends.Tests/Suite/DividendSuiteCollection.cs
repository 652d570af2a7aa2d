namespace PortfolioTracker.Dividends.Tests.Suite;

/// <summary>One set of three services for every suite test class: starting them is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class DividendSuiteCollection : ICollectionFixture<DividendSuiteHarness>
{
    public const string Name = "Dividends with Portfolio and MarketData";
}
