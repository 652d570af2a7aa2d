using System.Diagnostics;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Database.Benchmarks;

/// <summary>
/// A fresh, migrated PostgreSQL with 100 users × 10,000 transactions (one portfolio each),
/// loaded by binary COPY as the superuser, vacuumed and analysed; and the services' way of
/// querying it: as <c>authenticator</c>, one transaction, role and claims set by
/// <c>set_config(…, true)</c> in the same round trip as the query (one NpgsqlBatch).
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    public const int Users = 100;
    public const int TransactionsPerUser = 10_000;
    public const string Authenticated = "authenticated";
    public const string ServiceRole = "service_role";

    /// <summary>Every symbol a user trades: 400 transactions per user and symbol, over ten years.</summary>
    public static readonly string[] Symbols =
    [
        "AAPL", "MSFT", "GOOGL", "AMZN", "NVDA", "META", "TSLA", "BRK.B", "JPM", "V",
        "JNJ", "WMT", "PG", "MA", "HD", "XOM", "CVX", "KO", "PEP", "ABBV",
        "COST", "MRK", "AVGO", "ORCL", "IBM",
    ];

    /// <summary>One symbol's transactions in one year, newest first (index: user_id, symbol, date desc).</summary>
    public const string SymbolYearSql = """
        select date, transaction_type, quantity, price, currency
        from public.transactions
        where user_id = $1 and symbol = $2 and date >= $3 and date < $4
        order by date desc
        """;

    /// <summary>The first page of a portfolio's transaction list (index: user_id, portfolio_id, date desc, id).</summary>
    public const string LatestPageSql = """
        select id, transaction_type, symbol, quantity, price, date, currency, commission, notes
        from public.transactions
        where user_id = $1 and portfolio_id = $2
        order by date desc, id
        limit 100
        """;

    private const string ApplyClaimsSql =
        "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)";

    private BenchDatabase(PostgresServer server, NpgsqlDataSource authenticator, IReadOnlyList<Owner> owners)
    {
        Server = server;
        Authenticator = authenticator;
        Owners = owners;
    }

    /// <summary>Set by Program before the benchmarks run (they run in-process).</summary>
    public static BenchDatabase? Current { get; set; }

    public PostgresServer Server { get; }

    public NpgsqlDataSource Authenticator { get; }

    public IReadOnlyList<Owner> Owners { get; }

    public static DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <param name="log">Progress lines.</param>
    /// <param name="extendedStatistics">
    /// Adds functional-dependency statistics on (user_id, portfolio_id) before ANALYZE, so the
    /// planner knows a portfolio implies its user (the investigation of the latest-100 plan).
    /// </param>
    public static async Task<BenchDatabase> CreateAsync(TextWriter log, bool extendedStatistics)
    {
        var clock = Stopwatch.StartNew();
        var server = await PostgresServer.StartMigratedAsync();
        log.WriteLine($"postgres on port {server.Port}, migrated in {clock.Elapsed.TotalSeconds:F1} s");

        var random = new Random(42);
        var owners = Enumerable.Range(0, Users).Select(_ => new Owner(Guid.NewGuid(), Guid.NewGuid())).ToList();
        await using (var connection = new NpgsqlConnection(server.SuperuserConnectionString()))
        {
            await connection.OpenAsync();
            // Replica mode skips triggers (foreign keys, audit) for the bulk load only: a million
            // audit rows would measure nothing and every reference is valid by construction.
            await ExecuteAsync(connection, "set session_replication_role = replica");
            await CopyUsersAsync(connection, owners);
            await CopyPortfoliosAsync(connection, owners);
            await CopyTransactionsAsync(connection, owners, random);
            await ExecuteAsync(connection, "reset session_replication_role");
            if (extendedStatistics)
            {
                await ExecuteAsync(connection,
                    "create statistics bench_transactions_user_portfolio (dependencies) on user_id, portfolio_id from public.transactions");
            }
            await ExecuteAsync(connection, "vacuum (analyze) auth.users, public.portfolios, public.transactions");

            // Server-side timings per role (planning included), immune to the client's share of a busy machine.
            await ExecuteAsync(connection, "create extension if not exists pg_stat_statements");
            await ExecuteAsync(connection, $"alter database {PostgresServer.Database} set pg_stat_statements.track_planning = on");
        }
        log.WriteLine($"loaded {Users} users × {TransactionsPerUser} transactions, vacuumed and analysed{(extendedStatistics ? " with extended statistics" : "")}, in {clock.Elapsed.TotalSeconds:F1} s");

        // Configured as the services configure theirs (ServiceDefaults: statement preparation).
        var authenticatorConnection = new NpgsqlConnectionStringBuilder(server.AuthenticatorConnectionString);
        PortfolioTracker.ServiceDefaults.Data.DatabaseExtensions.ApplyStatementPreparation(authenticatorConnection);
        var authenticator = NpgsqlDataSource.Create(authenticatorConnection.ConnectionString);
        return new BenchDatabase(server, authenticator, owners);
    }

    /// <summary>Runs one query the way the services do and returns how many rows came back.</summary>
    public async Task<int> QueryAsync(string role, Owner owner, string sql, params object[] args)
    {
        await using var connection = await Authenticator.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = CreateBatch(connection, transaction, role, owner, sql, args);
        var rows = 0;
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                rows++;
            }
        }
        await transaction.CommitAsync();
        return rows;
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of a query, run exactly like <see cref="QueryAsync"/>.</summary>
    public async Task<string> ExplainAsync(string role, Owner owner, string sql, params object[] args)
    {
        await using var connection = await Authenticator.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = CreateBatch(connection, transaction, role, owner, "explain (analyze, buffers) " + sql, args);
        var plan = new StringBuilder();
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                plan.AppendLine(reader.GetString(0));
            }
        }
        await transaction.CommitAsync();
        return plan.ToString();
    }

    /// <summary>Forgets the server-side statistics (before the measured runs).</summary>
    public async Task ResetServerStatisticsAsync()
    {
        await using var connection = new NpgsqlConnection(Server.SuperuserConnectionString());
        await connection.OpenAsync();
        await ExecuteAsync(connection, "select pg_stat_statements_reset()");
    }

    /// <summary>
    /// Calls and mean planning and execution time per role of the two benchmark queries, from
    /// pg_stat_statements (which keys statements by the role that ran them).
    /// </summary>
    public async Task<IReadOnlyList<ServerTiming>> ServerTimingsAsync()
    {
        await using var connection = new NpgsqlConnection(Server.SuperuserConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select case when s.query like '%symbol = $2%' then 'one symbol, one year' else 'latest 100 of a portfolio' end,
                   r.rolname::text, s.calls, s.mean_plan_time, s.mean_exec_time
            from pg_stat_statements s
            join pg_roles r on r.oid = s.userid
            where s.query like '%from public.transactions%' and s.query not ilike 'explain%'
              and r.rolname in ('authenticated', 'service_role')
            order by 1, 2
            """, connection);
        var timings = new List<ServerTiming>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            timings.Add(new ServerTiming(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetDouble(3), reader.GetDouble(4)));
        }
        return timings;
    }

    /// <summary>The arguments of <see cref="SymbolYearSql"/>: a symbol and the year before last.</summary>
    public static object[] SymbolYearArgs(Owner owner, int i) =>
        [owner.User, Symbols[i % Symbols.Length], Today.AddDays(-730), Today.AddDays(-365)];

    public static object[] LatestPageArgs(Owner owner) => [owner.User, owner.Portfolio];

    public async ValueTask DisposeAsync()
    {
        await Authenticator.DisposeAsync();
        await Server.DisposeAsync();
    }

    private static NpgsqlBatch CreateBatch(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string role, Owner owner, string sql, object[] args)
    {
        // service_role jobs carry no user subject; the query still names the user it reads.
        var claims = role == ServiceRole
            ? """{"role":"service_role"}"""
            : $$"""{"sub":"{{owner.User}}","role":"{{role}}"}""";
        var apply = new NpgsqlBatchCommand(ApplyClaimsSql)
        {
            Parameters = { new NpgsqlParameter { Value = role }, new NpgsqlParameter { Value = claims } },
        };
        var query = new NpgsqlBatchCommand(sql);
        foreach (var arg in args)
        {
            query.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return new NpgsqlBatch(connection, transaction) { BatchCommands = { apply, query } };
    }

    private static async Task CopyUsersAsync(NpgsqlConnection connection, IReadOnlyList<Owner> owners)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "copy auth.users (id, email, password_hash) from stdin (format binary)");
        foreach (var owner in owners)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(owner.User, NpgsqlDbType.Uuid);
            await writer.WriteAsync($"{owner.User:N}@bench.example.com", NpgsqlDbType.Text);
            await writer.WriteAsync("not-a-real-hash", NpgsqlDbType.Text);
        }
        await writer.CompleteAsync();
    }

    private static async Task CopyPortfoliosAsync(NpgsqlConnection connection, IReadOnlyList<Owner> owners)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "copy public.portfolios (id, user_id, name, is_default) from stdin (format binary)");
        foreach (var owner in owners)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(owner.Portfolio, NpgsqlDbType.Uuid);
            await writer.WriteAsync(owner.User, NpgsqlDbType.Uuid);
            await writer.WriteAsync("Main", NpgsqlDbType.Text);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean);
        }
        await writer.CompleteAsync();
    }

    private static async Task CopyTransactionsAsync(NpgsqlConnection connection, IReadOnlyList<Owner> owners, Random random)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            copy public.transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency, commission)
            from stdin (format binary)
            """);
        foreach (var owner in owners)
        {
            for (var i = 0; i < TransactionsPerUser; i++)
            {
                var roll = random.Next(10);
                var type = roll < 7 ? "BUY" : roll < 9 ? "SELL" : "DIVIDEND";
                await writer.StartRowAsync();
                await writer.WriteAsync(owner.User, NpgsqlDbType.Uuid);
                await writer.WriteAsync(owner.Portfolio, NpgsqlDbType.Uuid);
                await writer.WriteAsync(type, NpgsqlDbType.Text);
                await writer.WriteAsync(Symbols[i % Symbols.Length], NpgsqlDbType.Text);
                await writer.WriteAsync((decimal)random.Next(1, 200), NpgsqlDbType.Numeric);
                await writer.WriteAsync(Math.Round(10m + (decimal)random.NextDouble() * 490m, 2), NpgsqlDbType.Numeric);
                await writer.WriteAsync(Today.AddDays(-random.Next(0, 3650)), NpgsqlDbType.Date);
                await writer.WriteAsync("USD", NpgsqlDbType.Text);
                await writer.WriteAsync(type == "DIVIDEND" ? 0m : 1.5m, NpgsqlDbType.Numeric);
            }
        }
        await writer.CompleteAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Server-side means of one query as one role, in milliseconds.</summary>
public sealed record ServerTiming(string Query, string Role, long Calls, double MeanPlanMs, double MeanExecMs)
{
    public double MeanTotalMs => MeanPlanMs + MeanExecMs;
}

/// <summary>A benchmark user and its portfolio.</summary>
public sealed record Owner(Guid User, Guid Portfolio);
