using Npgsql;

namespace PortfolioTracker.Database.Tests.Isolation;

/// <summary>
/// What the database itself says about its tables, read as the superuser (outside RLS). The
/// tests loop over these answers instead of a hand-kept list, so a new table is tested (or
/// reported) the day it is created.
/// </summary>
public static class Catalog
{
    /// <summary>Tables of schema public with row-level security enabled, by name.</summary>
    public static Task<IReadOnlyList<string>> RlsTablesAsync(DatabaseFixture db) => NamesAsync(db, """
        select c.relname
        from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition and c.relrowsecurity
        order by c.relname
        """);

    /// <summary>RLS tables of schema public with a user_id column: the rows belong to a user.</summary>
    public static Task<IReadOnlyList<string>> UserTablesAsync(DatabaseFixture db) => NamesAsync(db, """
        select c.relname
        from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition and c.relrowsecurity
          and exists (select from pg_catalog.pg_attribute a
                      where a.attrelid = c.oid and a.attname = 'user_id' and a.attnum > 0 and not a.attisdropped)
        order by c.relname
        """);

    /// <summary>Every ordinary or partitioned table of schema public, RLS or not.</summary>
    public static Task<IReadOnlyList<string>> PublicTablesAsync(DatabaseFixture db) => NamesAsync(db, """
        select c.relname
        from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
        order by c.relname
        """);

    public static async Task<bool> ExistsAsync(DatabaseFixture db, string table) =>
        await db.ScalarAsync<bool>("select to_regclass('public.' || quote_ident($1)) is not null", table);

    /// <summary>
    /// The problems of RLS coverage, one line each: a public table (the journal excepted)
    /// without RLS, without FORCE, without any policy; a user table without an index that
    /// leads with user_id. Runs on the given connection so a test can plant a bad table in a
    /// transaction it rolls back.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RlsProblemsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand("""
            with t as (
              select c.oid, c.relname, c.relrowsecurity, c.relforcerowsecurity,
                     (select count(*) from pg_catalog.pg_policy p where p.polrelid = c.oid) as policies,
                     (select a.attnum from pg_catalog.pg_attribute a
                      where a.attrelid = c.oid and a.attname = 'user_id' and not a.attisdropped) as user_id_attnum
              from pg_catalog.pg_class c
              join pg_catalog.pg_namespace n on n.oid = c.relnamespace
              where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
                and c.relname <> $1
            )
            select relname || ': row-level security is not enabled' from t where not relrowsecurity
            union all
            select relname || ': row-level security is not forced' from t where not relforcerowsecurity
            union all
            select relname || ': has no policy' from t where policies = 0
            union all
            select relname || ': no index leads with user_id' from t
            where user_id_attnum is not null
              and not exists (select from pg_catalog.pg_index i where i.indrelid = t.oid and i.indkey[0] = t.user_id_attnum)
            order by 1
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = AccessMatrix.Journal });
        var problems = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            problems.Add(reader.GetString(0));
        }
        return problems;
    }

    /// <summary>The rows of <paramref name="table"/> owned by <paramref name="owner"/>, as sorted jsonb text.</summary>
    public static Task<string> OwnedRowsAsync(DatabaseFixture db, string table, Guid owner) =>
        db.ScalarAsync<string>(
            $"select coalesce(jsonb_agg(to_jsonb(x) order by to_jsonb(x)::text), '[]'::jsonb)::text from public.{Quote(table)} x where x.user_id = $1",
            owner);

    public static Task<long> CountOwnedAsync(DatabaseFixture db, string table, Guid owner) =>
        db.ScalarAsync<long>($"select count(*) from public.{Quote(table)} where user_id = $1", owner);

    /// <summary>One row owned by <paramref name="owner"/> (the first by its jsonb text), or null.</summary>
    public static async Task<string?> AnyOwnedRowAsync(DatabaseFixture db, string table, Guid owner)
    {
        await using var command = db.Superuser.CreateCommand(
            $"select to_jsonb(x)::text from public.{Quote(table)} x where x.user_id = $1 order by to_jsonb(x)::text limit 1");
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>The row whose jsonb contains <paramref name="key"/> (its primary key), or null when gone.</summary>
    public static async Task<string?> RowAsync(DatabaseFixture db, string table, string key)
    {
        await using var command = db.Superuser.CreateCommand(
            $"select to_jsonb(x)::text from public.{Quote(table)} x where to_jsonb(x) @> $1::jsonb");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>
    /// The primary-key part of a row's jsonb (the whole row when the table has no primary
    /// key): what identifies it in "where to_jsonb(x) @> key".
    /// </summary>
    public static Task<string> KeyOfAsync(DatabaseFixture db, string table, string rowJson) =>
        db.ScalarAsync<string>("""
            select coalesce(
              (select jsonb_object_agg(a.attname, $2::jsonb -> a.attname::text)
               from pg_catalog.pg_index i
               join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
               where i.indrelid = ('public.' || quote_ident($1))::regclass and i.indisprimary),
              $2::jsonb)::text
            """, table, rowJson);

    /// <summary>The first column of the table: something to "set x = x" in a write that must be refused.</summary>
    public static Task<string> FirstColumnAsync(DatabaseFixture db, string table) =>
        db.ScalarAsync<string>("""
            select attname::text from pg_catalog.pg_attribute
            where attrelid = ('public.' || quote_ident($1))::regclass and attnum > 0 and not attisdropped
            order by attnum limit 1
            """, table);

    /// <summary>
    /// An INSERT of a copy of <paramref name="rowJson"/> (parameter <c>$1</c>, jsonb) into
    /// <paramref name="table"/>, with a new id when the id is a uuid. Generated and
    /// always-identity columns are left out, so that the statement reaches the RLS check.
    /// </summary>
    public static async Task<(string Sql, string Row)> CopyRowInsertAsync(DatabaseFixture db, string table, string rowJson)
    {
        var columns = await db.ScalarAsync<string>("""
            select string_agg(quote_ident(attname), ', ' order by attnum) from pg_catalog.pg_attribute
            where attrelid = ('public.' || quote_ident($1))::regclass and attnum > 0 and not attisdropped
              and attgenerated = '' and attidentity <> 'a'
            """, table);
        var row = await db.ScalarAsync<string>("""
            select case when jsonb_typeof($1::jsonb -> 'id') = 'string'
                             and ($1::jsonb ->> 'id') ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                        then $1::jsonb || jsonb_build_object('id', gen_random_uuid())
                        else $1::jsonb end::text
            """, rowJson);
        return ($"insert into public.{Quote(table)} ({columns}) select {columns} from jsonb_populate_record(null::public.{Quote(table)}, $1::jsonb)", row);
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<IReadOnlyList<string>> NamesAsync(DatabaseFixture db, string sql)
    {
        await using var command = db.Superuser.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }
}
