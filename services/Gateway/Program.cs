using PortfolioTracker.Gateway;
using PortfolioTracker.Gateway.Auth;
using PortfolioTracker.Gateway.RateLimiting;

var builder = WebApplication.CreateBuilder(args);

// An operator command, not a server run: no host, no database.
if (MintServiceTokenCommand.IsRequested(args))
{
    return MintServiceTokenCommand.Run(args, builder.Configuration, builder.Environment);
}

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseGatewayErrorResponses();
app.UseGatewayRateLimiting();
app.MapGatewayEndpoints();

app.WarmUpAuth();

app.Run();
return 0;
