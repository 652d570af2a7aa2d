using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.Portfolio.Domain.Import;

/// <summary>One transaction read from an import file, with its 1-based row number (the header is row 0).</summary>
public sealed record ImportRow(int Row, TransactionInput Input);

/// <summary>What a file yielded: the rows, or every problem found reading it (field names are "rows[N].field").</summary>
public sealed record ImportFile(IReadOnlyList<ImportRow> Rows, IReadOnlyList<FieldViolation> Errors);
