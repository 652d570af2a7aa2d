using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.Portfolio.Domain.Alerts;

/// <summary>
/// A symbol to watch, valid and normalised. Adding a symbol already watched replaces its notes and
/// target with these (blank clears them).
/// </summary>
public sealed record WatchlistEntry(string Symbol, string? Notes, decimal? TargetPrice)
{
    public static ValidationResult<WatchlistEntry> Validate(WatchlistInput input)
    {
        var errors = new List<FieldViolation>();
        var symbol = InputRules.Symbol(input.Symbol, errors);
        var notes = InputRules.Notes(input.Notes, errors);
        var targetPrice = InputRules.PositivePrice(input.TargetPrice, "targetPrice", required: false, errors);
        return errors.Count > 0
            ? ValidationResult<WatchlistEntry>.Invalid(errors)
            : ValidationResult<WatchlistEntry>.Valid(new WatchlistEntry(symbol!, notes, targetPrice));
    }
}

/// <summary>A watchlist addition as the client sent it.</summary>
public sealed record WatchlistInput(string? Symbol, string? Notes, string? TargetPrice);
