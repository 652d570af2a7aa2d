using PortfolioTracker.Metrics.Gateway;

// Metrics through the gateway of a running suite (./run.sh): see bench/README.md, "Metrics.Gateway".
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
return await MetricsRun.RunAsync(options);
