namespace PortfolioTracker.Dividends.Domain;

/// <summary>
/// What a sync changes: pending rows to add, pending rows to recompute (their entitlement or the
/// event changed), pending rows to remove (no longer owed). A row the user confirmed, edited or
/// rejected, and a manual row, is never touched; an owed dividend that has one counts as unchanged.
/// </summary>
public sealed record SyncPlan(
    IReadOnlyList<OwedDividend> Create, IReadOnlyList<(Guid Id, OwedDividend Owed)> Update, IReadOnlyList<Guid> Remove, int Unchanged)
{
    public static SyncPlan Build(IReadOnlyList<OwedDividend> owed, IReadOnlyList<StoredDividend> stored)
    {
        var byKey = new Dictionary<DividendKey, StoredDividend>();
        foreach (var row in stored)
        {
            byKey.TryAdd(row.Key, row);
        }
        var create = new List<OwedDividend>();
        var update = new List<(Guid, OwedDividend)>();
        var unchanged = 0;
        var owedKeys = new HashSet<DividendKey>();
        foreach (var dividend in owed)
        {
            if (!owedKeys.Add(dividend.Key))
            {
                continue;
            }
            if (!byKey.TryGetValue(dividend.Key, out var row))
            {
                create.Add(dividend);
            }
            else if (row.Status == "pending" && row.Source != "manual" && Differs(row, dividend))
            {
                update.Add((row.Id, dividend));
            }
            else
            {
                unchanged++;
            }
        }
        var remove = stored
            .Where(r => r.Status == "pending" && r.Source != "manual" && !owedKeys.Contains(r.Key))
            .Select(r => r.Id)
            .ToList();
        return new SyncPlan(create, update, remove, unchanged);
    }

    private static bool Differs(StoredDividend row, OwedDividend owed) =>
        row.Shares != owed.Shares || row.Amount != owed.Event.Amount || row.Currency != owed.Event.Currency
        || row.PayDate != owed.Event.PayDate || row.RecordDate != owed.Event.RecordDate || row.DeclarationDate != owed.Event.DeclarationDate;
}
