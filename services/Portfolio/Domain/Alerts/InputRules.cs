using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Validation;
using PortfolioTracker.ServiceDefaults.Wire;

namespace PortfolioTracker.Portfolio.Domain.Alerts;

/// <summary>
/// Field checks shared by the watchlist, alert and profile validators. Each reports into a list
/// so a request learns every bad field at once, named as the JSON API names it.
/// </summary>
internal static class InputRules
{
    public const int MaxNotesLength = 1000;

    /// <summary>Trimmed and upper-cased; the same symbols transactions accept.</summary>
    public static string? Symbol(string? text, List<FieldViolation> errors)
    {
        var symbol = text?.Trim().ToUpperInvariant() ?? "";
        if (symbol.Length == 0)
        {
            errors.Add(new("symbol", "is required."));
            return null;
        }
        if (!Codes.IsSymbol(symbol))
        {
            errors.Add(new("symbol", "must be 1-20 letters, digits or . - ^ = : characters."));
            return null;
        }
        return symbol;
    }

    /// <summary>Trimmed text of 1 to <paramref name="maxLength"/> characters; blank counts as missing.</summary>
    public static string? RequiredText(string? text, string field, int maxLength, List<FieldViolation> errors)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            errors.Add(new(field, "is required."));
            return null;
        }
        if (value.Length > maxLength)
        {
            errors.Add(new(field, $"must be at most {maxLength} characters."));
            return null;
        }
        return value;
    }

    /// <summary>Trimmed notes, null when blank.</summary>
    public static string? Notes(string? text, List<FieldViolation> errors)
    {
        var notes = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (notes?.Length > MaxNotesLength)
        {
            errors.Add(new("notes", $"must be at most {MaxNotesLength} characters."));
            return null;
        }
        return notes;
    }

    /// <summary>A decimal string greater than zero; null (and no error) when blank and optional.</summary>
    public static decimal? PositivePrice(string? text, string field, bool required, List<FieldViolation> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(new(field, "is required."));
            }
            return null;
        }
        if (!DecimalText.TryParse(text, out var price))
        {
            errors.Add(new(field, "must be a decimal number written as a string, such as \"150.75\"."));
            return null;
        }
        if (price <= 0)
        {
            errors.Add(new(field, "must be greater than 0."));
            return null;
        }
        return price;
    }

    public static string? Currency(string? text, string field, List<FieldViolation> errors)
    {
        var currency = text?.Trim() ?? "";
        if (currency.Length == 0)
        {
            errors.Add(new(field, "is required."));
            return null;
        }
        if (!Codes.IsCurrency(currency))
        {
            errors.Add(new(field, "must be an ISO 4217 code of three upper-case letters, such as USD."));
            return null;
        }
        return currency;
    }
}
