namespace PortfolioTracker.MarketData.Tests.Maintenance;

[CollectionDefinition(Name)]
public sealed class ApiCacheCollection : ICollectionFixture<ApiCacheDatabase>
{
    public const string Name = "api-cache";
}
