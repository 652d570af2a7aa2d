namespace PortfolioTracker.Portfolio.Domain.Import;

/// <summary>What a file yielded: the rows, or every problem found reading it (field names are "rows[N].field").</summary>
public sealed record ImportFile(IReadOnlyList<ImportRow> Rows, IReadOnlyList<FieldViolation> Errors);
