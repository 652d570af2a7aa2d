using PortfolioTracker.SampleData;

// Writes the bundled offline dataset: `dotnet run --project db/sample-data/Generator -- <output folder>`.
// Deterministic: the same code writes the same bytes, so the checked-in files can be regenerated and diffed.
var output = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "data");
SampleDataset.Write(Path.GetFullPath(output));
Console.WriteLine($"sample data written to {Path.GetFullPath(output)}");
