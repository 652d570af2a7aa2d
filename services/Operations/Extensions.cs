using Microsoft.Extensions.Options;
using Npgsql;
using PortfolioTracker.Operations.Health;
using PortfolioTracker.Operations.Maintenance;
using PortfolioTracker.OperationsService.Application;
using PortfolioTracker.OperationsService.Data;
using PortfolioTracker.OperationsService.Workers;
using PortfolioTracker.ServiceDefaults;
using PortfolioTracker.ServiceDefaults.Cache;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.OperationsService;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddGrpcServiceDefaults();

        builder.Services.AddOptions<OperationsSettings>()
            .BindConfiguration(OperationsSettings.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<HealthThresholds>()
            .BindConfiguration(HealthThresholds.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Every login is the authenticator's server and database, each with its own role.
        var authenticator = builder.Configuration.GetConnectionString(DatabaseExtensions.ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{DatabaseExtensions.ConnectionName} is not configured.");
        builder.Services.AddSingleton(MaintainerDatabase.For(authenticator));
        builder.Services.AddSingleton(services => new MonitorDatabase(NpgsqlDataSource.Create(
            MonitorLogin.ConnectionString(authenticator, services.GetRequiredService<IOptions<OperationsSettings>>().Value.MonitorPassword))));
        builder.Services.AddSingleton(services => BackupReaderDatabase.For(
            authenticator, services.GetRequiredService<IOptions<OperationsSettings>>().Value.BackupReaderPassword));
        builder.Services.AddSingleton(new RedisStatistics(builder.Configuration.GetConnectionString(RedisExtensions.ConnectionName)));
        builder.Services.AddOptions<ScheduleOptions>()
            .BindConfiguration(ScheduleOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<AlertOptions>()
            .BindConfiguration(AlertOptions.Section)
            .ValidateOnStart();
        builder.Services.AddOptions<MaintenanceOptions>()
            .BindConfiguration(MaintenanceOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpClient(AlertDelivery.WebhookClient);
        builder.Services.AddSingleton<HealthGauges>();
        builder.Services.AddSingleton<AlertDelivery>();
        builder.Services.AddSingleton<ScheduledJobs>();
        builder.Services.AddHostedService<OperationsScheduler>();
        builder.Services.AddSingleton<HealthReading>();

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(HealthGauges.MeterName));
    }
}
