using PortfolioTracker.MarketData;
using PortfolioTracker.MarketData.Grpc;
using PortfolioTracker.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseGrpcServiceDefaults();
app.MapGrpcService<StocksService>().RequireAuthorization();
app.MapDefaultEndpoints();

app.Run();
