using PortfolioTracker.Portfolio;
using PortfolioTracker.Portfolio.Grpc;
using PortfolioTracker.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseGrpcServiceDefaults();
app.MapGrpcService<TransactionsService>().RequireAuthorization();
app.MapGrpcService<PortfoliosService>().RequireAuthorization();
app.MapGrpcService<ProfileGrpcService>().RequireAuthorization();
app.MapGrpcService<WatchlistGrpcService>().RequireAuthorization();
app.MapGrpcService<AlertsGrpcService>().RequireAuthorization();
app.MapGrpcService<HoldingsService>().RequireAuthorization();
app.MapGrpcService<MetricsGrpcService>().RequireAuthorization();
app.MapDefaultEndpoints();

app.Run();
