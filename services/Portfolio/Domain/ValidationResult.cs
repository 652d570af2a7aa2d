namespace PortfolioTracker.Portfolio.Domain;

/// <summary>Either a valid value or the list of fields that made it invalid.</summary>
public sealed record ValidationResult<T>(T? Value, IReadOnlyList<FieldViolation> Errors) where T : class
{
    public bool IsValid => Errors.Count == 0;

    public static ValidationResult<T> Valid(T value) => new(value, []);

    public static ValidationResult<T> Invalid(IReadOnlyList<FieldViolation> errors) => new(null, errors);
}
