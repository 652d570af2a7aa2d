namespace PortfolioTracker.Portfolio.Domain.Watchlist;

/// <summary>
/// A symbol to watch, valid and normalised. Adding a symbol already watched replaces its notes and
/// target with these (blank clears them).
/// </summary>
public sealed record WatchlistEntry(string Symbol, string? Notes, decimal? TargetPrice)
{
    public static ValidationResult<WatchlistEntry> Validate(WatchlistInput input)
    {
        var errors = new List<FieldViolation>();
        var symbol = RequestFields.Symbol(input.Symbol, "symbol", errors);
        var notes = RequestFields.OptionalText(input.Notes, "notes", RequestFields.MaxNotesLength, errors, multiline: true);
        var targetPrice = RequestFields.PositiveDecimal(input.TargetPrice, "targetPrice", required: false, errors);
        return errors.Count > 0
            ? ValidationResult<WatchlistEntry>.Invalid(errors)
            : ValidationResult<WatchlistEntry>.Valid(new WatchlistEntry(symbol, notes, targetPrice));
    }
}
