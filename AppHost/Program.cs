using Microsoft.Extensions.Configuration;
using PortfolioTracker.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var state = LocalState.For(builder);
var stores = builder.AddDataStores(state);

// Schema, roles and the login roles' passwords: done before any service connects.
var migrator = builder.AddProject<Projects.Migrator>("migrator")
    .WithEnvironment("ConnectionStrings__postgres-admin", stores.AdminConnection)
    .WithEnvironment("AUTHENTICATOR_PASSWORD", state.AuthenticatorPassword)
    .WithLoginPasswords(builder, state)
    .WaitFor(stores.Postgres);

var marketData = builder.AddGrpcService<Projects.MarketData>("marketdata", stores, migrator)
    .WithSampleData(builder)
    .WithProviderKey(builder);
// Portfolio values holdings with MarketData's prices and FX, asked with the caller's token.
var portfolio = builder.AddGrpcService<Projects.Portfolio>("portfolio", stores, migrator)
    .WithReference(marketData);
// Dividends reads the ledger from Portfolio and events and FX from MarketData, with the caller's token;
// ledger decisions and the background sync go with a short-lived service credential it signs itself.
var dividends = builder.AddGrpcService<Projects.Dividends>("dividends", stores, migrator)
    .WithReference(portfolio)
    .WithReference(marketData)
    .WithEnvironment("Auth__SigningKeyPath", state.SigningKeyPath)
    .WithEnvironment("Dividends__SyncJob__Enabled", builder.Configuration.GetValue("Dividends:SyncJob:Enabled", true) ? "true" : "false");
// Scheduled health checks (alerts), maintenance and nightly backups, and GET /v1/admin/health:
// authenticator like every service, plus the monitoring and backup logins no other resource gets.
var operations = builder.AddGrpcService<Projects.OperationsService>("operations", stores, migrator)
    .WithOperationsCredentials(builder, state);

var gateway = builder.AddGateway(state, stores, migrator, portfolio, marketData, dividends, operations);

// Services verify tokens against the keys the gateway publishes (fetched on first use,
// so they need not wait for it).
foreach (var service in new[] { portfolio, marketData, dividends, operations })
{
    service.WithEnvironment("Auth__Authority", gateway.GetEndpoint("http"));
}

// A demo user with a sample portfolio, only when asked for (./run.sh --demo), created through
// the gateway as a client would.
if (builder.Configuration.GetValue("Demo:Enabled", false))
{
    builder.AddDemoSeeder(gateway);
}

// A crashed store, service or gateway is started again within seconds (Aspire has no
// restart policy for processes of its own).
builder.AddResourceSupervisor(stores.Postgres, stores.Redis, marketData, portfolio, dividends, operations, gateway);

builder.Build().Run();
