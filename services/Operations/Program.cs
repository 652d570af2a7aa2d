using PortfolioTracker.OperationsService;
using PortfolioTracker.OperationsService.Grpc;
using PortfolioTracker.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseGrpcServiceDefaults();
app.MapGrpcService<OperationsAdminGrpcService>();
app.MapDefaultEndpoints();

app.Run();
