using Microsoft.Extensions.Configuration;

namespace PortfolioTracker.AppHost;

public static class ServiceResources
{
    /// <summary>
    /// A gRPC service of the suite: JSON transcoding on an HTTP/1.1 endpoint ("http"), native
    /// gRPC on an h2c endpoint ("grpc"), the authenticator connection, Redis, and a start
    /// only after the migrator has finished.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddGrpcService<TProject>(
        this IDistributedApplicationBuilder builder, string name, DataStores stores, IResourceBuilder<ProjectResource> migrator)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name, launchProfileName: null)
            .WithBuiltOutput()
            .WithSplitProtocolEndpoints()
            .WithStores(stores)
            .WaitForCompletion(migrator)
            .WithHttpHealthCheck("/health", endpointName: "http");

    public static IResourceBuilder<ProjectResource> AddGateway(
        this IDistributedApplicationBuilder builder, LocalState state, DataStores stores, IResourceBuilder<ProjectResource> migrator,
        params IResourceBuilder<ProjectResource>[] services)
    {
        var ports = builder.Configuration.GetSection("Gateway");
        var gateway = builder.AddProject<Projects.Gateway>("gateway", launchProfileName: null)
            .WithBuiltOutput()
            .WithSplitProtocolEndpoints(ports.GetValue("HttpPort", 8080), ports.GetValue("GrpcPort", 8081))
            .WithHttps(GatewayCertificate.Resolve(builder.Configuration, state), ports["HttpsHost"] ?? "127.0.0.1", ports.GetValue("HttpsPort", 8443))
            .WithStores(stores)
            .WithEnvironment("Auth__SigningKeyPath", state.SigningKeyPath)
            .WaitForCompletion(migrator)
            .WithHttpHealthCheck("/health", endpointName: "http")
            .WithExternalHttpEndpoints();
        foreach (var service in services)
        {
            gateway.WithReference(service).WaitFor(service);
        }
        // The address its discovery document names: the one the services fetch keys from.
        return gateway.WithEnvironment("Auth__Authority", gateway.GetEndpoint("http"));
    }

    /// <summary>
    /// The operations service's credentials besides the authenticator connection, which no
    /// other resource gets: the passwords of the monitoring (<c>ops_monitor</c>) and backup
    /// (<c>backup_reader</c>) logins, and the state folder its nightly backups and their key go
    /// to. Never the owner: its maintenance runs as <c>ops_maintainer</c> (migration 050).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOperationsCredentials(
        this IResourceBuilder<ProjectResource> operations, IDistributedApplicationBuilder builder, LocalState state)
    {
        var (monitorPassword, backupReaderPassword) = OperationsLoginParameters(builder, state);
        return operations
            .WithEnvironment("Operations__MonitorPassword", monitorPassword)
            .WithEnvironment("Operations__BackupReaderPassword", backupReaderPassword)
            .WithEnvironment("Operations__Schedule__StateDirectory", state.Directory);
    }

    /// <summary>The migrator sets the operations logins' passwords after <c>up</c>, as it does the authenticator's.</summary>
    public static IResourceBuilder<ProjectResource> WithLoginPasswords(
        this IResourceBuilder<ProjectResource> migrator, IDistributedApplicationBuilder builder, LocalState state)
    {
        var (monitorPassword, backupReaderPassword) = OperationsLoginParameters(builder, state);
        return migrator
            .WithEnvironment("OPS_MONITOR_PASSWORD", monitorPassword)
            .WithEnvironment("BACKUP_READER_PASSWORD", backupReaderPassword);
    }

    /// <summary>Secret parameters (masked in the dashboard), made once and shared by the migrator and the service.</summary>
    private static (IResourceBuilder<ParameterResource> Monitor, IResourceBuilder<ParameterResource> BackupReader) OperationsLoginParameters(
        IDistributedApplicationBuilder builder, LocalState state)
    {
        const string monitor = "ops-monitor-password", backupReader = "backup-reader-password";
        return (Existing(monitor) ?? builder.AddParameter(monitor, state.MonitorPassword, secret: true),
                Existing(backupReader) ?? builder.AddParameter(backupReader, state.BackupReaderPassword, secret: true));

        IResourceBuilder<ParameterResource>? Existing(string name) =>
            builder.Resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == name) is { } parameter
                ? builder.CreateResourceBuilder(parameter)
                : null;
    }

    /// <summary>
    /// The demo user's seeder. Its password is the secret parameter <c>demo-password</c>
    /// (<c>Parameters__demo-password</c>, a random one from <c>./run.sh --demo</c>): masked in
    /// the dashboard, never in a file.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddDemoSeeder(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway)
    {
        var password = builder.AddParameter("demo-password", secret: true);
        return builder.AddProject<Projects.DemoSeeder>("demo-seeder")
            .WithEnvironment("Demo__Password", password)
            .WithReference(gateway)
            .WaitFor(gateway);
    }

    /// <summary>
    /// The bundled offline dataset (db/sample-data/data), loaded by MarketData at start so a
    /// fresh install shows real-looking numbers without network access. <c>SampleData:Load=false</c> skips it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSampleData(
        this IResourceBuilder<ProjectResource> marketData, IDistributedApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue("SampleData:Load", true))
        {
            return marketData;
        }
        var folder = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "db", "sample-data", "data"));
        return marketData.WithEnvironment("MarketData__Offline__Directory", folder);
    }

    /// <summary>
    /// The Alpha Vantage key, when the operator gave one (environment
    /// <c>MarketData__AlphaVantage__ApiKey</c> or the AppHost's user secrets). Without it the
    /// suite runs on stored data and ingestion stays off.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithProviderKey(
        this IResourceBuilder<ProjectResource> marketData, IDistributedApplicationBuilder builder)
    {
        var key = builder.Configuration["MarketData:AlphaVantage:ApiKey"];
        if (string.IsNullOrWhiteSpace(key))
        {
            return marketData;
        }
        var secret = builder.AddParameter("alphavantage-api-key", key, secret: true);
        return marketData.WithEnvironment("MarketData__AlphaVantage__ApiKey", secret);
    }

    private static IResourceBuilder<ProjectResource> WithStores(this IResourceBuilder<ProjectResource> project, DataStores stores) =>
        project
            .WithEnvironment("ConnectionStrings__portfolio-db", stores.AppConnection)
            .WithEnvironment("ConnectionStrings__redis", stores.RedisConnection)
            .WaitFor(stores.Postgres)
            .WaitFor(stores.Redis);

    /// <summary>
    /// The gateway's HTTPS endpoint: HTTP/1.1 and HTTP/2 on one port (ALPN), so JSON and native gRPC
    /// clients share it, on <paramref name="host"/> (loopback unless <c>Gateway:HttpsHost</c> says
    /// otherwise, 0.0.0.0 to serve other machines). The certificate's password, if any, is a secret
    /// parameter.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithHttps(
        this IResourceBuilder<ProjectResource> gateway, GatewayCertificate certificate, string host, int port)
    {
        var url = $"https://{host}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        gateway
            .WithHttpsEndpoint(port: port, targetPort: port, name: "https", isProxied: false)
            .WithEnvironment("Kestrel__Endpoints__Https__Url", url)
            .WithEnvironment("Kestrel__Endpoints__Https__Protocols", "Http1AndHttp2")
            .WithEnvironment("Kestrel__Endpoints__Https__Certificate__Path", certificate.CertificatePath);
        if (certificate.KeyPath is { } keyPath)
        {
            gateway.WithEnvironment("Kestrel__Endpoints__Https__Certificate__KeyPath", keyPath);
        }
        if (!string.IsNullOrEmpty(certificate.Password))
        {
            var password = gateway.ApplicationBuilder.AddParameter("gateway-certificate-password", certificate.Password, secret: true);
            gateway.WithEnvironment("Kestrel__Endpoints__Https__Certificate__Password", password);
        }
        return gateway;
    }

    /// <summary>
    /// Kestrel without TLS cannot offer HTTP/1.1 and HTTP/2 on one port, so each service gets
    /// one endpoint per protocol. No endpoint is proxied: Aspire's proxy holds a call to a dead
    /// process until it is back, where a closed port refuses it at once, so the gateway and
    /// Portfolio answer 503 straight away. Services without fixed ports get free ones, kept
    /// across restarts.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithSplitProtocolEndpoints(
        this IResourceBuilder<ProjectResource> project, int? httpPort = null, int? grpcPort = null)
    {
        httpPort ??= FreePorts.Next();
        grpcPort ??= FreePorts.Next();
        project
            .WithHttpEndpoint(port: httpPort, targetPort: httpPort, name: "http", isProxied: false)
            .WithHttpEndpoint(port: grpcPort, targetPort: grpcPort, name: "grpc", isProxied: false);
        var http = project.GetEndpoint("http");
        var grpc = project.GetEndpoint("grpc");
        return project
            .WithEnvironment("Kestrel__Endpoints__Http__Url", ReferenceExpression.Create($"http://127.0.0.1:{http.Property(EndpointProperty.TargetPort)}"))
            .WithEnvironment("Kestrel__Endpoints__Http__Protocols", "Http1")
            .WithEnvironment("Kestrel__Endpoints__Grpc__Url", ReferenceExpression.Create($"http://127.0.0.1:{grpc.Property(EndpointProperty.TargetPort)}"))
            .WithEnvironment("Kestrel__Endpoints__Grpc__Protocols", "Http2");
    }
}
