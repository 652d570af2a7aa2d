using PortfolioTracker.Gateway;
using PortfolioTracker.Gateway.Auth;
using PortfolioTracker.Gateway.Dashboard;
using PortfolioTracker.Gateway.Hosting;
using PortfolioTracker.Gateway.RateLimiting;
using PortfolioTracker.ServiceDefaults.Timing;

var builder = WebApplication.CreateBuilder(args);

// Operator commands, not a server run: no host.
if (MintServiceTokenCommand.IsRequested(args))
{
    return MintServiceTokenCommand.Run(args, builder.Configuration, builder.Environment);
}
if (RevokeTokenCommand.IsRequested(args))
{
    return await RevokeTokenCommand.RunAsync(args, builder.Configuration);
}

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

// Off unless ServerTiming:Enabled: the gateway's entry after the proxied service's own.
app.UseServerTiming("gateway");
app.UseApiResponseHeaders();
app.UseGatewayErrorResponses();
app.UseRequestLimits();
app.UseGatewayRateLimiting();
app.UseDashboard();
app.MapGatewayEndpoints();

app.WarmUpAuth();

app.Run();
return 0;
