using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.ServiceDefaults;

namespace PortfolioTracker.Portfolio;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddGrpcServiceDefaults();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PortfolioRepository>();
        builder.Services.AddSingleton<TransactionRepository>();
        builder.Services.AddSingleton<HoldingRepository>();
        builder.Services.AddSingleton<HoldingsWriter>();
        builder.Services.AddSingleton<TransactionStore>();
    }
}
