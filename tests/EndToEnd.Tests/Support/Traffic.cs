using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Grpc.Core;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.EndToEnd.Tests.Support;

/// <summary>
/// Concurrent clients of one user while something fails underneath: writers record cash
/// deposits, each with a note no other write carries (over JSON and native gRPC in turn),
/// readers list transactions. Every answer is kept (status, time, the write's note), so a test
/// can say what was answered how, and whether every acknowledged write is stored exactly once.
/// </summary>
public sealed class Traffic(SuiteFixture suite, TestUser user)
{
    /// <summary>Status 0 means no answer at all (the call itself failed or took longer than <see cref="CallLimit"/>).</summary>
    public sealed record Answer(string Call, int Status, TimeSpan Took, DateTimeOffset At, string? Note, string Body);

    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(30);

    // Every write of the traffic carries a note starting so, and nothing else does.
    private const string NotePrefix = "resilience-";

    private readonly ConcurrentQueue<Answer> _answers = new();
    private readonly TransactionService.TransactionServiceClient _transactions = new(suite.Grpc);

    public IReadOnlyCollection<Answer> Answers => _answers;

    public IEnumerable<Answer> Writes => _answers.Where(a => a.Note is not null);

    /// <summary>Runs <paramref name="writers"/> writers and <paramref name="readers"/> readers until <paramref name="stop"/>.</summary>
    public async Task RunAsync(int writers, int readers, CancellationToken stop)
    {
        var clients = Enumerable.Range(0, writers).Select(i => LoopAsync(() => WriteAsync(overGrpc: i % 2 == 1), stop))
            .Concat(Enumerable.Range(0, readers).Select(i => LoopAsync(() => ReadAsync(overGrpc: i % 2 == 1), stop)));
        await Task.WhenAll(clients);
    }

    /// <summary>Runs the traffic around <paramref name="failure"/>: some before it, all through it, some after.</summary>
    public async Task<T> AroundAsync<T>(Func<Task<T>> failure, TimeSpan before, TimeSpan after, int writers = 4, int readers = 2)
    {
        using var stop = new CancellationTokenSource();
        var running = RunAsync(writers, readers, stop.Token);
        await Task.Delay(before);
        var result = await failure();
        await Task.Delay(after);
        await stop.CancelAsync();
        await running;
        return result;
    }

    public async Task<Answer> WriteAsync(bool overGrpc)
    {
        var note = $"{NotePrefix}{Guid.NewGuid():N}";
        var clock = Stopwatch.StartNew();
        var at = DateTimeOffset.UtcNow;
        if (overGrpc)
        {
            var request = new CreateTransactionRequest
            {
                TransactionType = "DEPOSIT", Quantity = "1", Price = "10", Date = "2024-03-01", Currency = "USD", Notes = note,
            };
            return Keep(await GrpcAsync("grpc CreateTransaction", () => _transactions.CreateTransactionAsync(
                request, user.Bearer(), deadline: DateTime.UtcNow + CallLimit).ResponseAsync, clock, at, note));
        }
        var body = new Dictionary<string, object?>
        {
            ["transactionType"] = "DEPOSIT", ["quantity"] = "1", ["price"] = "10", ["date"] = "2024-03-01", ["currency"] = "USD", ["notes"] = note,
        };
        return Keep(await JsonAsync("POST /v1/transactions", HttpMethod.Post, "/v1/transactions", body, clock, at, note));
    }

    public async Task<Answer> ReadAsync(bool overGrpc)
    {
        var clock = Stopwatch.StartNew();
        var at = DateTimeOffset.UtcNow;
        return Keep(overGrpc
            ? await GrpcAsync("grpc ListTransactions", () => _transactions.ListTransactionsAsync(
                new ListTransactionsRequest { PageSize = 5 }, user.Bearer(), deadline: DateTime.UtcNow + CallLimit).ResponseAsync, clock, at, null)
            : await JsonAsync("GET /v1/transactions", HttpMethod.Get, "/v1/transactions?pageSize=5", null, clock, at, null));
    }

    /// <summary>A JSON call of any route, timed and kept like the traffic's own.</summary>
    public async Task<Answer> CallAsync(string name, HttpMethod method, string path, object? body = null) =>
        Keep(await JsonAsync(name, method, path, body, Stopwatch.StartNew(), DateTimeOffset.UtcNow, null));

    /// <summary>A native gRPC call, timed and kept like the traffic's own.</summary>
    public async Task<Answer> CallAsync<T>(string name, Func<Metadata, DateTime, AsyncUnaryCall<T>> call) =>
        Keep(await GrpcAsync(name, () => call(user.Bearer(), DateTime.UtcNow + CallLimit).ResponseAsync, Stopwatch.StartNew(), DateTimeOffset.UtcNow, null));

    /// <summary>
    /// Every write answered OK is stored exactly once; a write answered otherwise at most once
    /// (it may have landed before its answer was lost); nothing else was stored.
    /// </summary>
    public async Task AssertEveryAcknowledgedWriteStoredOnceAsync()
    {
        var stored = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = suite.Superuser.CreateCommand(
            "select notes, count(*) from transactions where user_id = $1 and notes like $2 group by notes"))
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = user.Id });
            // Only the traffic's own writes: a test may arrange other rows for the same user first.
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = NotePrefix + "%" });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored[reader.IsDBNull(0) ? "" : reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        var writes = Writes.ToList();
        var acknowledged = writes.Where(w => w.Status == 200).ToList();
        Assert.NotEmpty(acknowledged);
        var lost = acknowledged.Where(w => stored.GetValueOrDefault(w.Note!) != 1).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged writes not stored exactly once: "
            + string.Join(", ", lost.Take(5).Select(w => $"{w.Note}×{stored.GetValueOrDefault(w.Note!)}")));
        var doubled = writes.Where(w => stored.GetValueOrDefault(w.Note!) > 1).ToList();
        Assert.True(doubled.Count == 0, $"{doubled.Count} writes stored more than once");
        var sent = writes.Select(w => w.Note!).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(stored.Keys, note => !sent.Contains(note));
    }

    /// <summary>Answers other than OK, one line each, for assertion messages.</summary>
    public string Failures(Func<Answer, bool>? which = null) => string.Join("\n",
        _answers.Where(a => a.Status != 200 && (which?.Invoke(a) ?? true)).Take(20)
            .Select(a => $"{a.At:HH:mm:ss.fff} {a.Call} → {a.Status} after {a.Took.TotalMilliseconds:F0} ms: {a.Body}"));

    private static async Task LoopAsync(Func<Task<Answer>> call, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await call();
            // Steady, not a flood: the machine running the suite has two cores.
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private async Task<Answer> JsonAsync(string name, HttpMethod method, string path, object? body, Stopwatch clock, DateTimeOffset at, string? note)
    {
        using var limit = new CancellationTokenSource(CallLimit);
        try
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.AccessToken);
            if (body is not null)
            {
                request.Content = System.Net.Http.Json.JsonContent.Create(body);
            }
            using var response = await suite.Http.SendAsync(request, limit.Token);
            var text = await response.Content.ReadAsStringAsync(limit.Token);
            return new Answer(name, (int)response.StatusCode, clock.Elapsed, at, note, response.StatusCode == HttpStatusCode.OK ? "" : text);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            return new Answer(name, 0, clock.Elapsed, at, note, exception.GetType().Name);
        }
    }

    private static async Task<Answer> GrpcAsync<T>(string name, Func<Task<T>> call, Stopwatch clock, DateTimeOffset at, string? note)
    {
        try
        {
            await call();
            return new Answer(name, 200, clock.Elapsed, at, note, "");
        }
        catch (RpcException exception)
        {
            // Reported in HTTP terms, so JSON and gRPC answers read alike.
            var status = exception.StatusCode switch
            {
                StatusCode.Unavailable => 503,
                StatusCode.DeadlineExceeded => 504,
                StatusCode.Internal or StatusCode.Unknown => 500,
                StatusCode.InvalidArgument => 400,
                _ => 1000 + (int)exception.StatusCode,
            };
            return new Answer(name, status, clock.Elapsed, at, note, $"{exception.StatusCode}: {exception.Status.Detail}");
        }
    }

    private Answer Keep(Answer answer)
    {
        _answers.Enqueue(answer);
        return answer;
    }
}
