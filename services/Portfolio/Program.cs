using PortfolioTracker.Portfolio;
using PortfolioTracker.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseGrpcServiceDefaults();
app.MapGrpcServices();
app.MapDefaultEndpoints();
app.Run();
