using PortfolioTracker.TestSupport;
using static PortfolioTracker.Database.Tests.Isolation.Catalog;

namespace PortfolioTracker.Database.Tests.Isolation;

/// <summary>
/// The isolation matrix over every user table the catalog holds (RLS on, a user_id column):
/// for select, insert, update and delete, the owner succeeds, another signed-in user sees and
/// changes nothing of the owner's, and anon is refused. Each test goes through all tables and
/// lists every failure with its table, so a new table without policies or without a
/// <see cref="SampleRows"/> entry fails here with its name.
/// audit_log is in the matrix too, as the one user table its owner may read but not write.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class UserTableIsolationTests(DatabaseFixture db)
{
    private const string Authenticated = "authenticated";
    private const string Anon = "anon";

    [Fact]
    public async Task OnlyTheOwnerSeesItsRowsInEveryUserTable()
    {
        var tables = await UserTablesAsync(db);
        var findings = new Findings();

        foreach (var table in tables)
        {
            if (await ArrangeAsync(table, findings) is not { } users)
            {
                continue;
            }
            var (owner, other) = users;
            var owned = await CountOwnedAsync(db, table, owner);
            var q = "public." + Quote(table);

            var ownerSees = await db.CountAsync(Authenticated, owner, $"select count(*) from {q}");
            var ownerSeesForeign = await db.CountAsync(Authenticated, owner, $"select count(*) from {q} where user_id is distinct from $1", owner);
            var otherSeesOwners = await db.CountAsync(Authenticated, other, $"select count(*) from {q} where user_id = $1", owner);
            var otherSeesForeign = await db.CountAsync(Authenticated, other, $"select count(*) from {q} where user_id is distinct from $1", other);
            var anonSees = await db.CountAsync(Anon, null, $"select count(*) from {q}");

            findings.Expect(ownerSees.Is(owned), table, $"the owner sees exactly its own {owned} row(s)", ownerSees);
            findings.Expect(ownerSeesForeign.Is(0), table, "the owner sees no row of anybody else", ownerSeesForeign);
            findings.Expect(otherSeesOwners.Is(0), table, "another user sees none of the owner's rows", otherSeesOwners);
            findings.Expect(otherSeesForeign.Is(0), table, "another user sees no row that is not its own", otherSeesForeign);
            findings.Expect(anonSees.IsRefused(), table, "anon is refused (42501)", anonSees);
        }

        Assert.NotEmpty(tables);
        findings.AssertNone("select isolation");
    }

    [Fact]
    public async Task UsersInsertRowsForThemselvesOnlyInEveryUserTable()
    {
        var tables = await UserTablesAsync(db);
        var findings = new Findings();

        foreach (var table in tables)
        {
            if (await ArrangeAsync(table, findings) is not { } users)
            {
                continue;
            }
            var (owner, other) = users;
            var ownerMayWrite = table != AccessMatrix.AuditLog;
            var before = await OwnedRowsAsync(db, table, owner);
            var countBefore = await CountOwnedAsync(db, table, owner);

            // A copy of the owner's row (new id), attempted by someone else: "insert with another user's id".
            var (copySql, copy) = await CopyRowInsertAsync(db, table, (await AnyOwnedRowAsync(db, table, owner))!);
            var otherCopies = await db.ExecuteAsync(Authenticated, other, copySql, copy);
            var anonCopies = await db.ExecuteAsync(Anon, null, copySql, copy);
            findings.Expect(
                ownerMayWrite ? otherCopies.IsRlsViolation(table) : otherCopies.IsRefused(),
                table,
                ownerMayWrite ? "another user's insert with the owner's user_id violates the row-level security policy" : "another user cannot insert (42501)",
                otherCopies);
            findings.Expect(anonCopies.IsRefused(), table, "anon cannot insert (42501)", anonCopies);

            if (SampleRows.InsertOwnedBy.TryGetValue(table, out var sample))
            {
                var otherInsertsSample = await db.ExecuteAsync(Authenticated, other, sample, owner);
                var anonInsertsSample = await db.ExecuteAsync(Anon, null, sample, owner);
                findings.Expect(otherInsertsSample.IsRefused(), table, "another user's sample insert owned by the owner is refused (42501)", otherInsertsSample);
                findings.Expect(anonInsertsSample.IsRefused(), table, "anon's sample insert is refused (42501)", anonInsertsSample);
            }

            if (ownerMayWrite)
            {
                findings.Expect(await OwnedRowsAsync(db, table, owner) == before, table, "the owner's rows are unchanged by the refused inserts");
                findings.Expect(await CountOwnedAsync(db, table, owner) == countBefore, table, "the refused inserts added no row for the owner");

                // A user without a row yet (some tables allow one per user) inserts its own.
                var newcomer = await db.CreateUserAsync();
                var newcomerBefore = await CountOwnedAsync(db, table, newcomer);
                var newcomerInserts = await db.ExecuteAsync(Authenticated, newcomer, sample!, newcomer);
                findings.Expect(newcomerInserts.Is(1), table, "a user inserts a row of its own", newcomerInserts);
                findings.Expect(await CountOwnedAsync(db, table, newcomer) == newcomerBefore + 1, table, "the user's insert added exactly one row");
            }
            else
            {
                var ownerCopies = await db.ExecuteAsync(Authenticated, owner, copySql, copy);
                findings.Expect(ownerCopies.IsRefused(), table, "the owner cannot insert into its read-only table (42501)", ownerCopies);
                findings.Expect(await OwnedRowsAsync(db, table, owner) == before, table, "the owner's rows are unchanged by the refused inserts");
            }
        }

        Assert.NotEmpty(tables);
        findings.AssertNone("insert isolation");
    }

    [Fact]
    public async Task OnlyTheOwnerUpdatesItsRowsInEveryUserTable()
    {
        var tables = await UserTablesAsync(db);
        var findings = new Findings();

        foreach (var table in tables)
        {
            if (await ArrangeAsync(table, findings) is not { } users)
            {
                continue;
            }
            var (owner, other) = users;
            var q = "public." + Quote(table);
            var owned = await CountOwnedAsync(db, table, owner);
            var before = await OwnedRowsAsync(db, table, owner);
            var otherCount = await CountOwnedAsync(db, table, other);

            // With a WHERE on user_id the statement also needs SELECT rights, so the SELECT
            // policy filters too; the unqualified statements test the UPDATE policy alone.
            var otherTouches = await db.ExecuteAsync(Authenticated, other, $"update {q} set user_id = user_id where user_id = $1", owner);
            var otherTouchesAll = await db.ExecuteAsync(Authenticated, other, $"update {q} set user_id = user_id");
            var otherSteals = await db.ExecuteAsync(Authenticated, other, $"update {q} set user_id = $2 where user_id = $1", owner, other);
            var anonTouches = await db.ExecuteAsync(Anon, null, $"update {q} set user_id = user_id where user_id = $1", owner);
            var ownerGivesAway = await db.ExecuteAsync(Authenticated, owner, $"update {q} set user_id = $1", other);
            var ownerGivesAwayWhere = await db.ExecuteAsync(Authenticated, owner, $"update {q} set user_id = $2 where user_id = $1", owner, other);
            findings.Expect(anonTouches.IsRefused(), table, "anon cannot update (42501)", anonTouches);

            if (table == AccessMatrix.AuditLog)
            {
                foreach (var attempt in new[] { otherTouches, otherTouchesAll, otherSteals, ownerGivesAway, ownerGivesAwayWhere })
                {
                    findings.Expect(attempt.IsRefused(), table, "nobody but the audit trigger updates audit rows (42501)", attempt);
                }
                var ownerTouches = await db.ExecuteAsync(Authenticated, owner, $"update {q} set user_id = user_id where user_id = $1", owner);
                findings.Expect(ownerTouches.IsRefused(), table, "the owner cannot update its read-only rows (42501)", ownerTouches);
            }
            else
            {
                findings.Expect(otherTouches.Is(0), table, "another user's update of the owner's rows affects 0 rows", otherTouches);
                findings.Expect(otherTouchesAll.Is(otherCount), table, $"another user's unqualified update affects only its own {otherCount} row(s)", otherTouchesAll);
                findings.Expect(otherSteals.Is(0), table, "another user cannot take the owner's rows (0 rows)", otherSteals);
                findings.Expect(ownerGivesAway.IsRlsViolation(table), table, "the owner cannot hand its rows to another user (UPDATE policy WITH CHECK)", ownerGivesAway);
                findings.Expect(ownerGivesAwayWhere.IsRlsViolation(table), table, "the owner cannot hand its rows to another user (with a WHERE)", ownerGivesAwayWhere);
            }

            findings.Expect(await OwnedRowsAsync(db, table, owner) == before, table, "the owner's rows are unchanged by the refused updates");
            findings.Expect(await CountOwnedAsync(db, table, other) == otherCount, table, "the other user still owns its rows");

            if (table != AccessMatrix.AuditLog)
            {
                var ownerTouches = await db.ExecuteAsync(Authenticated, owner, $"update {q} set user_id = user_id where user_id = $1", owner);
                findings.Expect(ownerTouches.Is(owned), table, $"the owner updates its {owned} row(s)", ownerTouches);
            }
        }

        Assert.NotEmpty(tables);
        findings.AssertNone("update isolation");
    }

    [Fact]
    public async Task OnlyTheOwnerDeletesItsRowsInEveryUserTable()
    {
        var tables = await UserTablesAsync(db);
        var findings = new Findings();

        foreach (var table in tables)
        {
            if (await ArrangeAsync(table, findings) is not { } users)
            {
                continue;
            }
            var (owner, other) = users;
            var q = "public." + Quote(table);
            var owned = await CountOwnedAsync(db, table, owner);
            var before = await OwnedRowsAsync(db, table, owner);
            var otherCount = await CountOwnedAsync(db, table, other);

            // The unqualified delete needs no SELECT rights: it tests the DELETE policy alone.
            var otherDeletes = await db.ExecuteAsync(Authenticated, other, $"delete from {q} where user_id = $1", owner);
            var otherDeletesAll = await db.ExecuteAsync(Authenticated, other, $"delete from {q}");
            var anonDeletes = await db.ExecuteAsync(Anon, null, $"delete from {q} where user_id = $1", owner);
            if (table == AccessMatrix.AuditLog)
            {
                findings.Expect(otherDeletes.IsRefused(), table, "another user cannot delete (42501)", otherDeletes);
                findings.Expect(otherDeletesAll.IsRefused(), table, "another user cannot delete (42501)", otherDeletesAll);
            }
            else
            {
                findings.Expect(otherDeletes.Is(0), table, "another user's delete of the owner's rows affects 0 rows", otherDeletes);
                findings.Expect(otherDeletesAll.Is(otherCount), table, $"another user's unqualified delete removes only its own {otherCount} row(s)", otherDeletesAll);
            }
            findings.Expect(anonDeletes.IsRefused(), table, "anon cannot delete (42501)", anonDeletes);
            findings.Expect(await OwnedRowsAsync(db, table, owner) == before, table, "the owner's rows are unchanged by the refused deletes");

            var ownerDeletes = await db.ExecuteAsync(Authenticated, owner, $"delete from {q} where user_id = $1", owner);
            if (table == AccessMatrix.AuditLog)
            {
                findings.Expect(ownerDeletes.IsRefused(), table, "the owner cannot delete its read-only rows (42501)", ownerDeletes);
                findings.Expect(await OwnedRowsAsync(db, table, owner) == before, table, "the owner's rows are still there");
            }
            else
            {
                findings.Expect(ownerDeletes.Is(owned), table, $"the owner deletes its {owned} row(s)", ownerDeletes);
                findings.Expect(await CountOwnedAsync(db, table, owner) == 0, table, "the owner's rows are gone");
            }
        }

        Assert.NotEmpty(tables);
        findings.AssertNone("delete isolation");
    }

    /// <summary>
    /// Two fresh users, each owning one sample row of <paramref name="table"/> inserted as
    /// itself. audit_log has no sample: a portfolio insert (audited) gives each user audit rows.
    /// </summary>
    private async Task<(Guid Owner, Guid Other)?> ArrangeAsync(string table, Findings findings)
    {
        var sampleTable = table == AccessMatrix.AuditLog ? "portfolios" : table;
        if (!SampleRows.InsertOwnedBy.TryGetValue(sampleTable, out var sample))
        {
            findings.Add(table, "no SampleRows.InsertOwnedBy entry: add one together with the table, the matrix needs a row to protect");
            return null;
        }

        var owner = await db.CreateUserAsync();
        var other = await db.CreateUserAsync();
        foreach (var user in new[] { owner, other })
        {
            var inserted = await db.ExecuteAsync(Authenticated, user, sample, user);
            if (!inserted.Succeeded)
            {
                findings.Add(table, $"a user cannot insert its own sample row ({sampleTable}): {inserted}");
                return null;
            }
        }

        if (await CountOwnedAsync(db, table, owner) == 0)
        {
            findings.Add(table, table == AccessMatrix.AuditLog
                ? "a user's portfolio insert left no audit_log row"
                : "the sample insert left no row in the table");
            return null;
        }
        return (owner, other);
    }
}
