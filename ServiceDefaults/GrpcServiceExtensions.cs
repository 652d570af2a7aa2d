using Google.Protobuf.Reflection;
using Google.Rpc;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Messaging;
using PortfolioTracker.ServiceDefaults.Timing;

namespace PortfolioTracker.ServiceDefaults;

/// <summary>What a gRPC service of the suite needs beyond the defaults: token validation,
/// the RLS database, gRPC with JSON transcoding, database errors mapped to statuses, requests
/// transcoding cannot read and undecodable native messages answered without .NET text, and the
/// <see cref="StreamGate"/> every server stream goes through.</summary>
public static class GrpcServiceExtensions
{
    public static TBuilder AddGrpcServiceDefaults<TBuilder>(this TBuilder builder, Action<Npgsql.NpgsqlConnectionStringBuilder>? configureConnection = null)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddJwtValidation();
        builder.AddRlsDatabase(configureConnection);
        builder.AddServerTiming();
        builder.Services.AddOptions<StreamOptions>()
            .BindConfiguration(StreamOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<StreamGate>();
        builder.Services
            .AddGrpc(options =>
            {
                options.Interceptors.Add<HandlerReached>();
                options.Interceptors.Add<DatabaseErrorInterceptor>();
            })
            .AddJsonTranscoding(options =>
            {
                // Lets error details (google.rpc.BadRequest …) render as JSON for HTTP clients.
                options.TypeRegistry = TypeRegistry.FromMessages(
                    BadRequest.Descriptor, ErrorInfo.Descriptor, PreconditionFailure.Descriptor, RetryInfo.Descriptor);
            });
        return builder;
    }

    public static WebApplication UseGrpcServiceDefaults(this WebApplication app)
    {
        app.UseServerTiming(app.Environment.ApplicationName.ToLowerInvariant());
        app.UseMiddleware<TranscodedRequestErrorsMiddleware>();
        app.UseMiddleware<UndecodableMessageMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
