namespace PortfolioTracker.Portfolio.Domain.Import;

/// <summary>What a file yielded: the rows, or every problem found reading it (field names are "rows[N].field").</summary>
public sealed record ImportFile(IReadOnlyList<ImportRow> Rows, IReadOnlyList<FieldViolation> Errors)
{
    /// <summary>
    /// Every row judged by <see cref="TransactionValidator"/>, placed in <paramref name="portfolioId"/>
    /// (null: the default portfolio); each problem is added to <paramref name="errors"/> under its row
    /// ("rows[N].field"). The valid rows come back in file order.
    /// </summary>
    public List<NewTransaction> Validate(Guid? portfolioId, DateOnly today, List<FieldViolation> errors)
    {
        var valid = new List<NewTransaction>(Rows.Count);
        foreach (var row in Rows)
        {
            var validation = TransactionValidator.Validate(row.Input, today);
            errors.AddRange(validation.Errors.Select(e => e with { Field = $"rows[{row.Row}].{e.Field}" }));
            if (validation.IsValid)
            {
                valid.Add(validation.Value! with { PortfolioId = portfolioId });
            }
        }
        return valid;
    }
}
