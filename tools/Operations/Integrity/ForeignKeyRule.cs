using System.Runtime.CompilerServices;
using Npgsql;

namespace PortfolioTracker.Operations.Integrity;

/// <summary>
/// Every foreign key holds on the stored rows: a constraint left NOT VALID is reported, and
/// each one is re-checked by looking for child rows whose key has no parent (rows can get past
/// a constraint that was dropped for a bulk load, or loaded with triggers disabled). The keys
/// come from the catalog, so a new table is covered without a change here.
/// </summary>
public sealed class ForeignKeyRule : IIntegrityRule
{
    public string Name => "foreign-keys";

    // One row per foreign key: its name, its child table, and the query counting orphans
    // (MATCH SIMPLE: a key with any null column is not checked, as PostgreSQL does).
    private const string KeysSql = """
        select format('%I.%I', cn.nspname, cc.relname) as child, k.conname::text, k.convalidated,
               format('select count(*) from %I.%I c where %s and not exists (select from %I.%I p where %s)',
                      cn.nspname, cc.relname,
                      (select string_agg(format('c.%I is not null', a.attname), ' and ')
                         from unnest(k.conkey) as u(attnum)
                         join pg_catalog.pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum),
                      pn.nspname, pc.relname,
                      (select string_agg(format('p.%I = c.%I', pa.attname, ca.attname), ' and ')
                         from unnest(k.conkey, k.confkey) as u(child_attnum, parent_attnum)
                         join pg_catalog.pg_attribute ca on ca.attrelid = k.conrelid and ca.attnum = u.child_attnum
                         join pg_catalog.pg_attribute pa on pa.attrelid = k.confrelid and pa.attnum = u.parent_attnum)) as orphans_sql
        from pg_catalog.pg_constraint k
        join pg_catalog.pg_class cc on cc.oid = k.conrelid
        join pg_catalog.pg_namespace cn on cn.oid = cc.relnamespace
        join pg_catalog.pg_class pc on pc.oid = k.confrelid
        join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
        where k.contype = 'f' and cn.nspname not in ('pg_catalog', 'information_schema') and cn.nspname not like 'pg\_%'
        order by 1, 2
        """;

    public async IAsyncEnumerable<IntegrityProblem> FindAsync(NpgsqlConnection connection, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var keys = new List<(string Child, string Name, bool Validated, string OrphansSql)>();
        await using (var command = new NpgsqlCommand(KeysSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetString(3)));
            }
        }

        foreach (var key in keys)
        {
            if (!key.Validated)
            {
                yield return new IntegrityProblem(Name, key.Child, $"constraint {key.Name} is NOT VALID (existing rows were never checked)");
            }
            await using var count = new NpgsqlCommand(key.OrphansSql, connection);
            var orphans = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
            if (orphans > 0)
            {
                yield return new IntegrityProblem(Name, key.Child, $"{orphans} rows break {key.Name}: their key has no parent row");
            }
        }
    }
}
