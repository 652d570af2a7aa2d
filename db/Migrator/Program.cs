using Npgsql;
using PortfolioTracker.Db;

try
{
    var command = CommandLine.Parse(args);
    if (command.Verb == "help")
    {
        Console.WriteLine(CommandLine.Usage);
        return 0;
    }

    var connectionString = command.ConnectionString
        ?? Environment.GetEnvironmentVariable("ConnectionStrings__postgres-admin")
        ?? throw new MigrationException("no connection string: pass --connection or set ConnectionStrings__postgres-admin");
    var runner = new MigrationRunner(connectionString, log: Console.Out);

    switch (command.Verb)
    {
        case "up":
            await runner.UpAsync();
            foreach (var (variable, role) in MigrationRunner.LoginPasswordVariables)
            {
                var password = Environment.GetEnvironmentVariable(variable);
                if (!string.IsNullOrEmpty(password))
                {
                    await runner.SetLoginPasswordAsync(role, password);
                }
            }

            break;
        case "down":
            await runner.DownAsync(command.ToVersion!.Value);
            break;
        case "status":
            var statuses = await runner.StatusAsync();
            foreach (var migration in statuses)
            {
                Console.WriteLine($"{migration.DisplayName,-32} {migration.State.ToString().ToLowerInvariant(),-8} {migration.AppliedAt:u}");
            }

            // Edited or unknown applied migrations block up and down: make that visible to scripts.
            return statuses.Any(s => s.State is MigrationState.Changed or MigrationState.Unknown) ? 1 : 0;
    }

    return 0;
}
catch (Exception e) when (e is MigrationException or NpgsqlException or IOException or UnauthorizedAccessException)
{
    // Expected failures (bad SQL, unreachable server, bad arguments) as one line, no stack trace.
    var message = e switch
    {
        PostgresException pg => $"{pg.SqlState}: {pg.MessageText}",
        NpgsqlException { InnerException: { } inner } => $"{e.Message} ({inner.Message})",
        _ => e.Message,
    };
    Console.Error.WriteLine($"migrator: {message}");
    return 1;
}
catch (Exception e)
{
    Console.Error.WriteLine($"migrator: unexpected error: {e}");
    return 1;
}
