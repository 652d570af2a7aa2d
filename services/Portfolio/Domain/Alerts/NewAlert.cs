namespace PortfolioTracker.Portfolio.Domain.Alerts;

/// <summary>An alert to arm, valid and normalised (symbol upper-case).</summary>
public sealed record NewAlert(string Symbol, decimal TargetPrice, AlertCondition Condition)
{
    public static ValidationResult<NewAlert> Validate(AlertInput input)
    {
        var errors = new List<FieldViolation>();
        var symbol = RequestFields.Symbol(input.Symbol, "symbol", errors);
        var targetPrice = RequestFields.PositiveDecimal(input.TargetPrice, "targetPrice", required: true, errors);
        AlertCondition? condition = null;
        if (string.IsNullOrWhiteSpace(input.Condition))
        {
            errors.Add(new("condition", "is required."));
        }
        else if (!AlertConditions.TryParse(input.Condition, out condition))
        {
            errors.Add(new("condition", "must be \"above\" or \"below\"."));
        }
        return errors.Count > 0
            ? ValidationResult<NewAlert>.Invalid(errors)
            : ValidationResult<NewAlert>.Valid(new NewAlert(symbol, targetPrice!.Value, condition!.Value));
    }
}
