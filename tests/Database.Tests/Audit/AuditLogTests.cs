using PortfolioTracker.TestSupport;
using PortfolioTracker.Database.Tests.Isolation;
using static PortfolioTracker.Database.Tests.Audit.AuditTrail;
using static PortfolioTracker.Database.Tests.Isolation.Catalog;

namespace PortfolioTracker.Database.Tests.Audit;

/// <summary>
/// Every insert, update and delete on an audited user table leaves exactly one audit_log row
/// with the acting user and the row before and after (except a sync's pending dividend
/// proposals); users read their own trail and nobody else's, cannot write it, and cannot switch it off.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class AuditLogTests(DatabaseFixture db)
{
    private const string Authenticated = "authenticated";
    private const string ServiceRole = "service_role";

    [Fact]
    public async Task EveryInsertOnAnAuditedTableIsRecordedOnceWithTheNewRow()
    {
        var findings = new Findings();

        foreach (var table in AccessMatrix.AuditedTables)
        {
            var user = await db.CreateUserAsync();
            if (await InsertSampleAsync(table, Authenticated, user, findings) is not { } row)
            {
                continue;
            }

            var trail = await OfRowAsync(db, table, await KeyOfAsync(db, table, row));

            findings.Expect(trail.Count == 1, table, "exactly one audit row after the insert", Describe(trail));
            if (trail.Count == 1)
            {
                ExpectEntry(findings, table, trail[0], "INSERT", owner: user, actor: user, Authenticated, row, oldData: null, newData: row);
            }
        }

        findings.AssertNone("audit of inserts");
    }

    [Fact]
    public async Task EveryUpdateOnAnAuditedTableIsRecordedOnceWithTheOldAndNewRow()
    {
        var findings = new Findings();

        foreach (var table in AccessMatrix.AuditedTables)
        {
            var user = await db.CreateUserAsync();
            if (await InsertSampleAsync(table, Authenticated, user, findings) is not { } before)
            {
                continue;
            }
            var key = await KeyOfAsync(db, table, before);

            var updated = await db.ExecuteAsync(Authenticated, user,
                $"update public.{Quote(table)} as x set {ChangeFor(table)} where to_jsonb(x) @> $1::jsonb", key);
            var after = await RowAsync(db, table, key);
            var updates = (await OfRowAsync(db, table, key)).Where(a => a.Action == "UPDATE").ToList();

            findings.Expect(updated.Is(1), table, "the owner's update changes its row", updated);
            findings.Expect(after is not null && after != before, table, "the test's change changes the row");
            findings.Expect(updates.Count == 1, table, "exactly one UPDATE audit row", Describe(updates));
            if (updates.Count == 1 && after is not null)
            {
                ExpectEntry(findings, table, updates[0], "UPDATE", owner: user, actor: user, Authenticated, before, oldData: before, newData: after);
            }
        }

        findings.AssertNone("audit of updates");
    }

    [Fact]
    public async Task EveryDeleteOnAnAuditedTableIsRecordedOnceWithTheOldRow()
    {
        var findings = new Findings();

        foreach (var table in AccessMatrix.AuditedTables)
        {
            var user = await db.CreateUserAsync();
            if (await InsertSampleAsync(table, Authenticated, user, findings) is not { } before)
            {
                continue;
            }
            var key = await KeyOfAsync(db, table, before);

            var deleted = await db.ExecuteAsync(Authenticated, user, $"delete from public.{Quote(table)} as x where to_jsonb(x) @> $1::jsonb", key);
            var deletes = (await OfRowAsync(db, table, key)).Where(a => a.Action == "DELETE").ToList();

            findings.Expect(deleted.Is(1), table, "the owner deletes its row", deleted);
            findings.Expect(deletes.Count == 1, table, "exactly one DELETE audit row", Describe(deletes));
            if (deletes.Count == 1)
            {
                ExpectEntry(findings, table, deletes[0], "DELETE", owner: user, actor: user, Authenticated, before, oldData: before, newData: null);
            }
        }

        findings.AssertNone("audit of deletes");
    }

    [Fact]
    public async Task OneStatementChangingManyRowsRecordsEachRowWithItsOwnBeforeAndAfter()
    {
        // The audit is written once per statement from its transition tables: each row's
        // before and after image must still be paired with that row, and a row the statement
        // left unchanged (only updated_at moved) must not be recorded.
        var user = await db.CreateUserAsync();
        string[] symbols = ["AUDA", "AUDB", "AUDC"];

        var inserted = await db.ExecuteAsync(Authenticated, user,
            "insert into public.watchlist (user_id, symbol) select $1, s from unnest($2::text[]) as s", user, symbols);
        var updated = await db.ExecuteAsync(Authenticated, user,
            "update public.watchlist set notes = case when symbol = 'AUDC' then notes else 'note of ' || symbol end where user_id = $1", user);
        var deleted = await db.ExecuteAsync(Authenticated, user, "delete from public.watchlist where user_id = $1", user);

        Assert.True(inserted.Is(3) && updated.Is(3) && deleted.Is(3), $"{inserted}, {updated}, {deleted}");
        foreach (var symbol in symbols)
        {
            var trail = await OfRowAsync(db, "watchlist", $$"""{"user_id": "{{user}}", "symbol": "{{symbol}}"}""");
            var actions = trail.Select(a => a.Action).Order().ToList();
            Assert.Equal(symbol == "AUDC" ? ["DELETE", "INSERT"] : ["DELETE", "INSERT", "UPDATE"], actions);
            Assert.All(trail, entry => Assert.Equal(user, entry.ActorId));
            if (trail.SingleOrDefault(a => a.Action == "UPDATE") is { } update)
            {
                Assert.Contains($"\"symbol\": \"{symbol}\"", update.OldData, StringComparison.Ordinal);
                Assert.Contains($"\"notes\": \"note of {symbol}\"", update.NewData, StringComparison.Ordinal);
                Assert.Contains($"\"symbol\": \"{symbol}\"", update.NewData, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task PendingDividendsAreNotAuditedButEveryDecisionOnThemIs()
    {
        // Pending rows are the sync's proposals (migration 075): proposing, recomputing and
        // withdrawing them leaves no audit row; confirming one records the proposal as its
        // before image, and what happens to a decided row is recorded as for any table.
        var user = await db.CreateUserAsync();
        string[] symbols = ["PNDA", "PNDB", "PNDC"];

        var proposed = await db.ExecuteAsync(Authenticated, user,
            """
            insert into public.user_dividends (user_id, symbol, ex_date, amount, currency, shares_held_at_ex_date, total_amount)
            select $1, s, date '2024-02-08', 0.5, 'USD', 10, 5 from unnest($2::text[]) as s
            """, user, symbols);
        var recomputed = await db.ExecuteAsync(Authenticated, user,
            "update public.user_dividends set shares_held_at_ex_date = 20, total_amount = 10 where user_id = $1", user);
        var confirmed = await db.ExecuteAsync(Authenticated, user,
            "update public.user_dividends set status = 'confirmed' where user_id = $1 and symbol = 'PNDA'", user);
        var withdrawn = await db.ExecuteAsync(Authenticated, user,
            "delete from public.user_dividends where user_id = $1 and status = 'pending'", user);
        var deleted = await db.ExecuteAsync(Authenticated, user, "delete from public.user_dividends where user_id = $1", user);

        Assert.True(proposed.Is(3) && recomputed.Is(3) && confirmed.Is(1) && withdrawn.Is(2) && deleted.Is(1),
            $"{proposed}, {recomputed}, {confirmed}, {withdrawn}, {deleted}");
        foreach (var symbol in symbols)
        {
            var trail = await OfRowAsync(db, "user_dividends", $$"""{"user_id": "{{user}}", "symbol": "{{symbol}}"}""");
            Assert.Equal(symbol == "PNDA" ? ["DELETE", "UPDATE"] : [], trail.Select(a => a.Action).Order().ToList());
            if (trail.SingleOrDefault(a => a.Action == "UPDATE") is { } decision)
            {
                Assert.Equal(user, decision.ActorId);
                Assert.Contains("\"status\": \"pending\"", decision.OldData, StringComparison.Ordinal);
                Assert.Contains("\"total_amount\": 10", decision.OldData, StringComparison.Ordinal);
                Assert.Contains("\"status\": \"confirmed\"", decision.NewData, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task ServiceRoleChangesAreAuditedWithoutAnActorId()
    {
        var findings = new Findings();

        foreach (var table in AccessMatrix.AuditedTables)
        {
            var owner = await db.CreateUserAsync();
            if (await InsertSampleAsync(table, ServiceRole, owner, findings) is not { } inserted)
            {
                continue;
            }
            var key = await KeyOfAsync(db, table, inserted);
            var q = $"public.{Quote(table)}";

            var updated = await db.ExecuteAsync(ServiceRole, null, $"update {q} as x set {ChangeFor(table)} where to_jsonb(x) @> $1::jsonb", key);
            var afterUpdate = await RowAsync(db, table, key);
            var deleted = await db.ExecuteAsync(ServiceRole, null, $"delete from {q} as x where to_jsonb(x) @> $1::jsonb", key);
            var trail = await OfRowAsync(db, table, key);

            findings.Expect(updated.Is(1) && deleted.Is(1), table, "service_role updates and deletes the row", $"{updated}, {deleted}");
            findings.Expect(trail.Count == 3 && trail.Select(a => a.Action).Order().SequenceEqual(["DELETE", "INSERT", "UPDATE"]),
                table, "one INSERT, one UPDATE and one DELETE audit row", Describe(trail));
            foreach (var entry in trail)
            {
                var (oldData, newData) = entry.Action switch
                {
                    "INSERT" => (null, inserted),
                    "UPDATE" => (inserted, afterUpdate),
                    _ => (afterUpdate, (string?)null),
                };
                ExpectEntry(findings, table, entry, entry.Action, owner: owner, actor: null, ServiceRole, inserted, oldData, newData);
            }
        }

        findings.AssertNone("audit of service_role changes");
    }

    [Fact]
    public async Task UsersReadTheirOwnAuditRowsButNotAnotherUsers()
    {
        var (alice, bob) = (await db.CreateUserAsync(), await db.CreateUserAsync());
        foreach (var user in new[] { alice, bob })
        {
            Assert.True((await db.ExecuteAsync(Authenticated, user, SampleRows.InsertOwnedBy["portfolios"], user)).Is(1));
        }
        var aliceStored = await CountOwnedAsync(db, AccessMatrix.AuditLog, alice);

        var aliceSees = await db.CountAsync(Authenticated, alice, "select count(*) from public.audit_log");
        var aliceSeesOwn = await db.CountAsync(Authenticated, alice, "select count(*) from public.audit_log where user_id = $1", alice);
        var aliceSeesBobs = await db.CountAsync(Authenticated, alice, "select count(*) from public.audit_log where user_id = $1", bob);
        var bobSeesAlices = await db.CountAsync(Authenticated, bob, "select count(*) from public.audit_log where user_id = $1", alice);

        Assert.True(aliceStored >= 1, "alice's portfolio insert is audited");
        Assert.True(aliceSees.Is(aliceStored), $"alice sees exactly her {aliceStored} audit row(s): {aliceSees}");
        Assert.True(aliceSeesOwn.Is(aliceStored), $"alice sees her own audit rows: {aliceSeesOwn}");
        Assert.True(aliceSeesBobs.Is(0), $"alice sees none of bob's audit rows: {aliceSeesBobs}");
        Assert.True(bobSeesAlices.Is(0), $"bob sees none of alice's audit rows: {bobSeesAlices}");
    }

    [Fact]
    public async Task UsersCannotInsertUpdateOrDeleteAuditRows()
    {
        var (alice, bob) = (await db.CreateUserAsync(), await db.CreateUserAsync());
        Assert.True((await db.ExecuteAsync(Authenticated, alice, SampleRows.InsertOwnedBy["portfolios"], alice)).Is(1));
        var before = await OfUserAsync(db, alice);

        var forges = await db.ExecuteAsync(Authenticated, alice, """
            insert into public.audit_log (user_id, actor_id, actor_role, action, table_name, record_key, new_data)
            values ($1, $1, 'authenticated', 'INSERT', 'portfolios', '{}', '{}')
            """, alice);
        var rewrites = await db.ExecuteAsync(Authenticated, alice, "update public.audit_log set action = 'DELETE', new_data = null where user_id = $1", alice);
        var erases = await db.ExecuteAsync(Authenticated, alice, "delete from public.audit_log where user_id = $1", alice);
        var bobErases = await db.ExecuteAsync(Authenticated, bob, "delete from public.audit_log where user_id = $1", alice);

        Assert.True(forges.IsRefused(), $"insert: {forges}");
        Assert.True(rewrites.IsRefused(), $"update: {rewrites}");
        Assert.True(erases.IsRefused(), $"delete: {erases}");
        Assert.True(bobErases.IsRefused(), $"another user's delete: {bobErases}");
        Assert.Equal(before, await OfUserAsync(db, alice));
    }

    [Fact]
    public async Task UsersCannotSwitchTheAuditOff()
    {
        var user = await db.CreateUserAsync();

        var disablesTrigger = await db.ExecuteAsync(Authenticated, user, "alter table public.portfolios disable trigger all");
        var replicaMode = await db.ExecuteAsync(Authenticated, user, "select set_config('session_replication_role', 'replica', true)");
        var inserts = await db.ExecuteAsync(Authenticated, user, SampleRows.InsertOwnedBy["portfolios"], user);

        Assert.True(disablesTrigger.IsRefused(), $"disable trigger: {disablesTrigger}");
        Assert.True(replicaMode.IsRefused(), $"session_replication_role: {replicaMode}");
        Assert.True(inserts.Is(1), $"insert: {inserts}");
        Assert.Equal(1L, await db.ScalarAsync<long>(
            "select count(*) from public.audit_log where user_id = $1 and table_name = 'portfolios' and action = 'INSERT'", user));
    }

    [Fact]
    public async Task CachesAndRateLimitsAreNotAudited()
    {
        var findings = new Findings();
        var unaudited = (await UserTablesAsync(db))
            .Where(table => table != AccessMatrix.AuditLog && !AccessMatrix.AuditedTables.Contains(table))
            .ToList();

        foreach (var table in unaudited)
        {
            var user = await db.CreateUserAsync();
            if (await InsertSampleAsync(table, Authenticated, user, findings) is null)
            {
                continue;
            }

            var audited = await db.ScalarAsync<long>("select count(*) from public.audit_log where user_id = $1 and table_name = $2", user, table);

            findings.Expect(audited == 0, table, "no audit row for a derived or bookkeeping table", $"{audited} row(s)");
        }

        Assert.NotEmpty(unaudited);
        findings.AssertNone("unaudited tables");
    }

    /// <summary>Inserts the table's sample row owned by <paramref name="owner"/> as <paramref name="role"/>; returns the row's jsonb.</summary>
    private async Task<string?> InsertSampleAsync(string table, string role, Guid owner, Findings findings)
    {
        if (!await ExistsAsync(db, table))
        {
            findings.Add(table, "the table does not exist");
            return null;
        }
        if (!SampleRows.InsertOwnedBy.TryGetValue(table, out var sample))
        {
            findings.Add(table, "no SampleRows.InsertOwnedBy entry");
            return null;
        }

        var inserted = await db.ExecuteAsync(role, role == ServiceRole ? null : owner, sample, owner);
        var count = await CountOwnedAsync(db, table, owner);
        if (!inserted.Is(1) || count != 1)
        {
            findings.Add(table, $"{role} could not insert one sample row: {inserted}, {count} row(s) owned");
            return null;
        }
        return await AnyOwnedRowAsync(db, table, owner);
    }

    private static void ExpectEntry(
        Findings findings, string table, AuditRow entry, string action, Guid owner, Guid? actor, string actorRole,
        string row, string? oldData, string? newData)
    {
        var what = $"{action} audit row";
        findings.Expect(entry.Action == action, table, $"{what}: action {action}", entry.Action);
        findings.Expect(entry.TableName == table, table, $"{what}: table_name", entry.TableName);
        findings.Expect(entry.UserId == owner, table, $"{what}: user_id is the row's owner", entry.UserId);
        findings.Expect(entry.ActorId == actor, table, $"{what}: actor_id is {actor?.ToString() ?? "null"}", entry.ActorId?.ToString() ?? "null");
        findings.Expect(entry.ActorRole == actorRole, table, $"{what}: actor_role {actorRole}", entry.ActorRole);
        findings.Expect(entry.RecordId == IdOf(row), table, $"{what}: record_id is the row's id", entry.RecordId?.ToString() ?? "null");
        findings.Expect(entry.OldData == oldData, table, $"{what}: old_data is {(oldData is null ? "null" : "the row before")}", entry.OldData ?? "null");
        findings.Expect(entry.NewData == newData, table, $"{what}: new_data is {(newData is null ? "null" : "the row after")}", entry.NewData ?? "null");
    }

    private static string Describe(IEnumerable<AuditRow> trail) =>
        "[" + string.Join(", ", trail.Select(a => $"{a.Action} by {a.ActorRole}")) + "]";
}
