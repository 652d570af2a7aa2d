using PortfolioTracker.Load;

// Mixed load and soak against a running suite (./run.sh): see bench/README.md, "Load and soak".
var options = LoadOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}
return await LoadRun.RunAsync(options);
