using Npgsql;
using PortfolioTracker.Db;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Database.Tests.Migrations;

/// <summary>
/// Every migration applies, rolls back and applies again to the same schema, version by
/// version, and a failing one changes nothing. Each test has a fresh PostgreSQL of its own:
/// rolling back the shared, migrated one would pull it from under the other tests.
/// </summary>
public class MigrationRoundTripTests
{
    private static readonly IReadOnlyList<MigrationFile> Migrations = MigrationFile.Discover(MigrationFile.DefaultDirectory);

    [Fact]
    public async Task RollingEverythingBackAndApplyingAgainGivesTheSameSchema()
    {
        await using var server = await PostgresServer.StartAsync();
        var runner = server.Migrator();
        Assert.Equal(Migrations.Count, await runner.UpAsync());
        var migrated = await SchemaDump.TakeAsync(server);

        var rolledBack = await runner.DownAsync(0);
        var reapplied = await runner.UpAsync();
        var again = await SchemaDump.TakeAsync(server);

        Assert.Equal(Migrations.Count, rolledBack);
        Assert.Equal(Migrations.Count, reapplied);
        SchemaDump.AssertSame(migrated, again, "after down to 0 and up again");
    }

    [Fact]
    public async Task ApplyingAgainWhenUpToDateChangesNothing()
    {
        await using var server = await PostgresServer.StartAsync();
        var runner = server.Migrator();
        await runner.UpAsync();
        var migrated = await SchemaDump.TakeAsync(server);

        var applied = await runner.UpAsync();

        Assert.Equal(0, applied);
        SchemaDump.AssertSame(migrated, await SchemaDump.TakeAsync(server), "after a second up");
        Assert.All(await runner.StatusAsync(), status => Assert.Equal(MigrationState.Applied, status.State));
    }

    [Fact]
    public async Task RollingBackOneVersionAtATimeRestoresTheSchemaOfEveryVersion()
    {
        await using var server = await PostgresServer.StartAsync();
        using var folders = new TemporaryFolders();

        // Up, one version at a time: a folder holding the migrations up to N applies exactly N.
        var schemaAt = new Dictionary<int, string>();
        await new MigrationRunner(server.SuperuserConnectionString(), folders.WithMigrationsUpTo(0)).UpAsync();
        schemaAt[0] = await SchemaDump.TakeAsync(server);
        foreach (var migration in Migrations)
        {
            var applied = await new MigrationRunner(server.SuperuserConnectionString(), folders.WithMigrationsUpTo(migration.Version)).UpAsync();
            Assert.Equal(1, applied);
            schemaAt[migration.Version] = await SchemaDump.TakeAsync(server);
        }

        // Down, one version at a time, each compared with the way up.
        var runner = server.Migrator();
        var versions = new[] { 0 }.Concat(Migrations.Select(m => m.Version)).ToList();
        for (var i = versions.Count - 2; i >= 0; i--)
        {
            var rolledBack = await runner.DownAsync(versions[i]);

            Assert.Equal(1, rolledBack);
            SchemaDump.AssertSame(schemaAt[versions[i]], await SchemaDump.TakeAsync(server),
                $"rolled back from {versions[i + 1]:D3} to {versions[i]:D3}");
        }
    }

    [Fact]
    public async Task AFailingMigrationLeavesTheDatabaseUnchanged()
    {
        await using var server = await PostgresServer.StartAsync();
        using var folders = new TemporaryFolders();
        await server.Migrator().UpAsync();
        var before = await SchemaDump.TakeAsync(server);
        var withBadMigration = folders.WithMigrationsUpTo(int.MaxValue);
        await File.WriteAllTextAsync(Path.Combine(withBadMigration, "999_bad.sql"), """
            create table public.bad_migration_probe (id integer primary key);
            insert into public.bad_migration_probe values (1);
            select 1 / 0;
            """);
        await File.WriteAllTextAsync(Path.Combine(withBadMigration, "999_bad.rollback.sql"), "drop table public.bad_migration_probe;");

        var error = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(server.SuperuserConnectionString(), withBadMigration).UpAsync());

        Assert.Contains("999_bad", error.Message, StringComparison.Ordinal);
        Assert.Contains("22012", error.Message, StringComparison.Ordinal); // division_by_zero
        await using var connection = new NpgsqlConnection(server.SuperuserConnectionString() + ";Pooling=false");
        await connection.OpenAsync();
        await using var probe = new NpgsqlCommand(
            "select to_regclass('public.bad_migration_probe') is null and not exists (select from public.schema_migrations where version = 999)",
            connection);
        Assert.True((bool)(await probe.ExecuteScalarAsync())!, "the bad migration's table or journal row is there");
        SchemaDump.AssertSame(before, await SchemaDump.TakeAsync(server), "after the failing migration");
    }

    [Fact]
    public async Task TheSchemaComparisonCatchesWhatARollbackLeavesBehind()
    {
        await using var server = await PostgresServer.StartAsync();
        using var folders = new TemporaryFolders();
        await server.Migrator().UpAsync();
        var before = await SchemaDump.TakeAsync(server);
        var withLeakyMigration = folders.WithMigrationsUpTo(int.MaxValue);
        await File.WriteAllTextAsync(Path.Combine(withLeakyMigration, "999_leaky.sql"), """
            create table public.leaky_probe (id integer primary key);
            create function public.leaky_probe_function() returns integer language sql as 'select 1';
            grant select on public.portfolios to anon;
            """);
        await File.WriteAllTextAsync(Path.Combine(withLeakyMigration, "999_leaky.rollback.sql"), "drop table public.leaky_probe;");
        var runner = new MigrationRunner(server.SuperuserConnectionString(), withLeakyMigration);
        await runner.UpAsync();

        await runner.DownAsync(Migrations[^1].Version);
        var after = await SchemaDump.TakeAsync(server);

        var difference = SchemaDump.Difference(before, after);
        Assert.NotEqual(before, after);
        Assert.Contains("leaky_probe_function", difference, StringComparison.Ordinal);
        Assert.Contains("GRANT SELECT ON TABLE public.portfolios TO anon", difference, StringComparison.Ordinal);
        Assert.DoesNotContain("public.leaky_probe ", difference, StringComparison.Ordinal);
    }

    /// <summary>Copies of the migrations folder, cut at a version; deleted on dispose.</summary>
    private sealed class TemporaryFolders : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("pt-migrations-").FullName;

        public string WithMigrationsUpTo(int version)
        {
            var folder = Path.Combine(_root, version.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            foreach (var migration in Migrations.Where(m => m.Version <= version))
            {
                foreach (var suffix in new[] { ".sql", ".rollback.sql" })
                {
                    var name = migration.DisplayName + suffix;
                    File.Copy(Path.Combine(MigrationFile.DefaultDirectory, name), Path.Combine(folder, name), overwrite: true);
                }
            }
            return folder;
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
