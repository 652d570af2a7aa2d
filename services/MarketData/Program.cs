using PortfolioTracker.MarketData;
using PortfolioTracker.MarketData.Grpc;
using PortfolioTracker.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseGrpcServiceDefaults();
app.MapGrpcService<StocksService>();
app.MapGrpcService<PricesService>();
app.MapGrpcService<FxRatesService>();
app.MapGrpcService<FinancialsGrpcService>();
app.MapGrpcService<ExchangesService>();
app.MapGrpcService<IngestionGrpcService>();
app.MapDefaultEndpoints();

app.Run();
