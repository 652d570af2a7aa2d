using Npgsql;
using NpgsqlTypes;

namespace PortfolioTracker.Dividends.Data;

/// <summary>SQL for <c>user_dividends</c>.</summary>
public sealed class DividendRepository
{
    public async Task<IReadOnlyList<DividendRow>> ListAsync(
        RlsSession session, Guid userId, IReadOnlyList<string> statuses, int? year, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select id, symbol, ex_date, pay_date, amount, currency, shares_held_at_ex_date, total_amount, status
            from user_dividends
            where user_id = $1
              and (cardinality($2::text[]) = 0 or status = any($2))
              and ($3::int is null or (ex_date >= make_date($3, 1, 1) and ex_date < make_date($3 + 1, 1, 1)))
            order by ex_date desc, symbol
            """,
            ct,
            userId,
            new NpgsqlParameter { Value = statuses.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)year ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        var rows = new List<DividendRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new DividendRow(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetFieldValue<DateOnly>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                reader.GetDecimal(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetDecimal(6),
                reader.IsDBNull(7) ? null : reader.GetDecimal(7),
                reader.GetString(8)));
        }
        return rows;
    }
}
