using PortfolioTracker.MarketData;
using PortfolioTracker.MarketData.Grpc;
using PortfolioTracker.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseGrpcServiceDefaults();
app.MapGrpcService<StocksService>().RequireAuthorization();
app.MapGrpcService<PricesService>().RequireAuthorization();
app.MapGrpcService<FxRatesService>().RequireAuthorization();
app.MapGrpcService<FinancialsGrpcService>().RequireAuthorization();
app.MapGrpcService<ExchangesService>().RequireAuthorization();
app.MapGrpcService<IngestionGrpcService>().RequireAuthorization();
app.MapDefaultEndpoints();

app.Run();
