namespace PortfolioTracker.Portfolio.Domain.Import;

/// <summary>An import file's rows through the one transaction validator, each error named after its row.</summary>
public static class ImportValidation
{
    /// <summary>
    /// The rows that pass, in file order, placed in <paramref name="portfolioId"/> (null: the default);
    /// every other row's errors are added to <paramref name="errors"/> as <c>rows[n].field</c>.
    /// </summary>
    public static List<NewTransaction> ValidRows(ImportFile file, Guid? portfolioId, DateOnly today, List<FieldViolation> errors)
    {
        var valid = new List<NewTransaction>(file.Rows.Count);
        foreach (var row in file.Rows)
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
