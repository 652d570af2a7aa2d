using Npgsql;

namespace PortfolioTracker.ServiceDefaults.Data;

/// <summary>
/// One open transaction whose role and JWT claims are set transaction-locally. The
/// <c>set_config</c> call travels in the same round trip as the first statement.
/// </summary>
public sealed class RlsSession
{
    private const string ApplyClaimsSql =
        "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)";

    private readonly DbClaims _claims;
    private bool _claimsApplied;

    internal RlsSession(NpgsqlConnection connection, NpgsqlTransaction transaction, DbClaims claims)
    {
        Connection = connection;
        Transaction = transaction;
        _claims = claims;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public DbClaims Claims => _claims;

    /// <summary>Runs a query; the reader is positioned on the query's own result.</summary>
    public async Task<NpgsqlDataReader> ExecuteReaderAsync(string sql, CancellationToken cancellationToken, params object?[] args)
    {
        var batch = CreateBatch(sql, args);
        var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (batch.BatchCommands.Count == 2)
        {
            await reader.NextResultAsync(cancellationToken);
        }
        return reader;
    }

    public async Task<int> ExecuteNonQueryAsync(string sql, CancellationToken cancellationToken, params object?[] args)
    {
        await using var batch = CreateBatch(sql, args);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return batch.BatchCommands[^1].RecordsAffected;
    }

    public async Task<T?> ExecuteScalarAsync<T>(string sql, CancellationToken cancellationToken, params object?[] args)
    {
        await using var reader = await ExecuteReaderAsync(sql, cancellationToken, args);
        if (!await reader.ReadAsync(cancellationToken) || await reader.IsDBNullAsync(0, cancellationToken))
        {
            return default;
        }
        return await reader.GetFieldValueAsync<T>(0, cancellationToken);
    }

    /// <summary>
    /// A batch for statements the helpers above do not cover (COPY excepted). The claims are
    /// prepended when this is the transaction's first statement.
    /// </summary>
    public NpgsqlBatch CreateBatch(string sql, params object?[] args)
    {
        var batch = new NpgsqlBatch(Connection, Transaction);
        if (!_claimsApplied)
        {
            var apply = new NpgsqlBatchCommand(ApplyClaimsSql);
            apply.Parameters.Add(new NpgsqlParameter { Value = _claims.Role });
            apply.Parameters.Add(new NpgsqlParameter { Value = _claims.ClaimsJson });
            batch.BatchCommands.Add(apply);
            _claimsApplied = true;
        }

        var command = new NpgsqlBatchCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(arg as NpgsqlParameter ?? new NpgsqlParameter { Value = arg ?? DBNull.Value });
        }
        batch.BatchCommands.Add(command);
        return batch;
    }

    /// <summary>For work that must not share a batch (COPY): set the claims now, alone.</summary>
    public async Task EnsureClaimsAppliedAsync(CancellationToken cancellationToken)
    {
        if (_claimsApplied)
        {
            return;
        }
        await ExecuteNonQueryAsync("select 1", cancellationToken);
    }
}
