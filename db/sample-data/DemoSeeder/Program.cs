using PortfolioTracker.DemoSeeder;

// Creates the demo user and its sample portfolio through the gateway's public API, as a
// client would; does nothing when the demo user already has transactions.
var gateway = Environment.GetEnvironmentVariable("services__gateway__http__0") ?? "http://127.0.0.1:8080";
var email = Environment.GetEnvironmentVariable("Demo__Email") ?? DemoPortfolio.DefaultEmail;
// No default: the demo password is random per start (./run.sh --demo prints it once), so no
// published password ever opens an account. It is never printed here (this output is logged).
var password = Environment.GetEnvironmentVariable("Demo__Password");
if (string.IsNullOrEmpty(password))
{
    Console.Error.WriteLine("demo seeding needs Demo__Password (./run.sh --demo sets a random one)");
    return 2;
}

using var http = new HttpClient { BaseAddress = new Uri(gateway), Timeout = TimeSpan.FromSeconds(30) };
try
{
    var created = await new DemoPortfolio(http).EnsureAsync(email, password);
    Console.WriteLine(created switch
    {
        null => $"demo user {email} already exists with the password printed when it was created; left as it is",
        > 0 => $"demo user {email} created with {created} sample transactions",
        _ => $"demo user {email} already has its sample portfolio",
    });
    return 0;
}
catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or TaskCanceledException)
{
    Console.Error.WriteLine($"demo seeding failed: {exception.Message}");
    return 1;
}
