using PortfolioTracker.Dividends.Data;
using PortfolioTracker.ServiceDefaults;

namespace PortfolioTracker.Dividends;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddGrpcServiceDefaults();
        builder.Services.AddSingleton<DividendRepository>();
    }
}
