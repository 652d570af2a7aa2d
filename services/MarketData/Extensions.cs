using PortfolioTracker.MarketData.Data;
using PortfolioTracker.ServiceDefaults;

namespace PortfolioTracker.MarketData;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddGrpcServiceDefaults();
        builder.Services.AddSingleton<StockRepository>();
    }
}
