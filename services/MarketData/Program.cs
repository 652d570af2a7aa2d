using PortfolioTracker.MarketData;
using PortfolioTracker.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseGrpcServiceDefaults();
app.MapApplicationEndpoints();
app.MapDefaultEndpoints();

app.Run();
