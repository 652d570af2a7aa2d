using Microsoft.Extensions.Options;
using PortfolioTracker.Operations.Health;
using PortfolioTracker.OperationsService.Data;

namespace PortfolioTracker.OperationsService.Workers;

/// <summary>
/// Gives the <c>ops_monitor</c> login the password this service was configured with, before it
/// serves anything (the role is created by migration 033 without one).
/// </summary>
public sealed class MonitorLoginSetup(OwnerDatabase owner, IOptions<OperationsSettings> settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        MonitorLogin.SetPasswordAsync(owner.ConnectionString, settings.Value.MonitorPassword, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
