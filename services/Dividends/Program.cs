using PortfolioTracker.Dividends;
using PortfolioTracker.Dividends.Grpc;
using PortfolioTracker.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseGrpcServiceDefaults();
app.MapGrpcService<DividendGrpcService>();
app.MapDefaultEndpoints();

app.Run();
