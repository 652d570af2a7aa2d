using Microsoft.Extensions.Options;
using Npgsql;
using PortfolioTracker.Operations.Health;
using PortfolioTracker.Operations.Maintenance;
using PortfolioTracker.OperationsService.Application;
using PortfolioTracker.OperationsService.Data;
using PortfolioTracker.OperationsService.Workers;
using PortfolioTracker.ServiceDefaults;
using PortfolioTracker.ServiceDefaults.Cache;

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

        var admin = builder.Configuration.GetConnectionString(OperationsSettings.AdminConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{OperationsSettings.AdminConnectionName} (the database owner) is not configured.");
        builder.Services.AddSingleton(new OwnerDatabase(NpgsqlDataSource.Create(admin), admin));
        builder.Services.AddSingleton(services => new MonitorDatabase(NpgsqlDataSource.Create(
            MonitorLogin.ConnectionString(admin, services.GetRequiredService<IOptions<OperationsSettings>>().Value.MonitorPassword))));
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
        builder.Services.AddHostedService<MonitorLoginSetup>();

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(HealthGauges.MeterName));
    }
}
