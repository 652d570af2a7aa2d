using PortfolioTracker.Portfolio;
using PortfolioTracker.Portfolio.Grpc;
using PortfolioTracker.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseGrpcServiceDefaults();
app.MapGrpcService<TransactionsService>();
app.MapGrpcService<PortfoliosService>();
app.MapGrpcService<ProfileGrpcService>();
app.MapGrpcService<WatchlistGrpcService>();
app.MapGrpcService<AlertsGrpcService>();
app.MapGrpcService<HoldingsService>();
app.MapGrpcService<MetricsGrpcService>();
app.MapDefaultEndpoints();

app.Run();
