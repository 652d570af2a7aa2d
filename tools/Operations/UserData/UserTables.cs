using Npgsql;

namespace PortfolioTracker.Operations.UserData;

/// <summary>One table holding a user's rows, as the catalog describes it.</summary>
/// <param name="QualifiedName">schema.table, each part quoted as needed (from <c>format('%I.%I')</c>).</param>
/// <param name="Name">schema.table as the export names it.</param>
/// <param name="OwnerColumn">The column naming the owner: <c>user_id</c>, or <c>id</c> for <c>auth.users</c>.</param>
/// <param name="Columns">The columns an import writes (generated columns are left to the database), quoted.</param>
/// <param name="Readable">Whether the current role may read it (a self-service export leaves out what the user's role cannot see).</param>
public sealed record UserTable(string QualifiedName, string Name, string OwnerColumn, IReadOnlyList<string> Columns, bool Readable);

/// <summary>
/// Every table that holds a user's rows, read from the catalog rather than listed by hand, so a
/// table added by a later migration is exported, imported and deleted without anyone
/// remembering to: <c>auth.users</c> (the account itself) and every ordinary table outside the
/// system schemas with a <c>user_id</c> column. Ordered parents first (by their foreign keys),
/// which is the order an import inserts in.
/// </summary>
public static class UserTables
{
    public const string Accounts = "auth.users";

    private const string Sql = """
        with owned as (
          select c.oid, n.nspname, c.relname,
                 case when n.nspname = 'auth' and c.relname = 'users' then 'id' else 'user_id' end as owner
          from pg_catalog.pg_class c
          join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p')
            and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\_%'
            and ((n.nspname = 'auth' and c.relname = 'users')
                 or exists (select from pg_catalog.pg_attribute a
                            where a.attrelid = c.oid and a.attname = 'user_id' and a.attnum > 0 and not a.attisdropped))
        )
        select o.oid::int8,
               format('%I.%I', o.nspname, o.relname),
               o.nspname || '.' || o.relname,
               o.owner,
               array(select quote_ident(a.attname) from pg_catalog.pg_attribute a
                     where a.attrelid = o.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                     order by a.attnum),
               array(select distinct f.confrelid::int8 from pg_catalog.pg_constraint f
                     where f.conrelid = o.oid and f.contype = 'f' and f.confrelid <> o.oid
                       and f.confrelid in (select oid from owned)),
               has_table_privilege(o.oid, 'SELECT')
        from owned o
        order by 3
        """;

    public static async Task<IReadOnlyList<UserTable>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<long, (UserTable Table, long[] Parents)>();
        var order = new List<long>();
        await using (var command = new NpgsqlCommand(Sql, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var oid = reader.GetInt64(0);
                tables[oid] = (new UserTable(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<string[]>(4), reader.GetBoolean(6)), reader.GetFieldValue<long[]>(5));
                order.Add(oid);
            }
        }

        // Parents first; ties keep the alphabetical order, so the export is deterministic.
        var sorted = new List<UserTable>(tables.Count);
        var done = new HashSet<long>();
        void Visit(long oid, HashSet<long> path)
        {
            if (done.Contains(oid) || !path.Add(oid))
            {
                return; // done, or a cycle (none today): its order is then the catalog's
            }
            foreach (var parent in tables[oid].Parents)
            {
                Visit(parent, path);
            }
            done.Add(oid);
            sorted.Add(tables[oid].Table);
        }
        foreach (var oid in order)
        {
            Visit(oid, []);
        }
        return sorted;
    }
}
