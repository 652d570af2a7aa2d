using System.Globalization;
using System.Text.RegularExpressions;
using PortfolioTracker.ServiceDefaults.Wire;

namespace PortfolioTracker.ServiceDefaults.Validation;

/// <summary>
/// The request vocabulary every service parses fields with. Each parser reports a problem into
/// the caller's list (named as the JSON API names the field) instead of throwing, so a request
/// learns every bad field at once; the adapter then calls <c>RpcErrors.ThrowIfAny</c>.
/// </summary>
public static partial class RequestFields
{
    public const int MaxSymbolsPerBatch = 500;
    public const int MaxNotesLength = 1000;

    public const string SymbolRule = "must be 1-20 letters, digits or . - ^ = : characters.";
    public const string CurrencyRule = "must be an ISO 4217 code of three upper-case letters, such as USD.";
    public const string DecimalRule = "must be a decimal number written as a string, such as \"150.75\".";
    public const string DateRule = "must be a date written YYYY-MM-DD.";
    public const string UuidRule = "must be a UUID.";

    /// <summary>A ticker, trimmed and upper-cased; the same symbols every service stores.</summary>
    public static string Symbol(string? text, string field, List<FieldViolation> errors)
    {
        var symbol = text?.Trim().ToUpperInvariant() ?? "";
        if (!Codes.IsSymbol(symbol))
        {
            errors.Add(new(field, symbol.Length == 0 ? "is required." : SymbolRule));
        }
        return symbol;
    }

    /// <summary>Symbols given repeated or comma-separated, de-duplicated; one to <see cref="MaxSymbolsPerBatch"/>.</summary>
    public static IReadOnlyList<string> Symbols(IEnumerable<string> texts, string field, List<FieldViolation> errors)
    {
        var symbols = texts
            .SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(t => Symbol(t, field, errors))
            .Distinct()
            .ToList();
        if (symbols.Count == 0)
        {
            errors.Add(new(field, "must name at least one symbol."));
        }
        if (symbols.Count > MaxSymbolsPerBatch)
        {
            errors.Add(new(field, $"must name at most {MaxSymbolsPerBatch} symbols."));
        }
        return symbols;
    }

    /// <summary>An exchange code as stored (NYSE, XETRA, NYSE.ARCA), matched case-insensitively.</summary>
    public static string ExchangeCode(string? text, string field, List<FieldViolation> errors)
    {
        var code = text?.Trim().ToUpperInvariant() ?? "";
        if (!ExchangeCodePattern().IsMatch(code))
        {
            errors.Add(new(field, code.Length == 0 ? "is required." : "must be 1-20 letters, digits or . - _ characters."));
        }
        return code;
    }

    /// <summary>An ISO 4217 code; lower case is refused rather than fixed, so a typo is seen.</summary>
    public static string Currency(string? text, string field, List<FieldViolation> errors)
    {
        var currency = text?.Trim() ?? "";
        if (!Codes.IsCurrency(currency))
        {
            errors.Add(new(field, currency.Length == 0 ? "is required." : CurrencyRule));
        }
        return currency;
    }

    /// <summary>A resource id; anything but a UUID is named.</summary>
    public static Guid Uuid(string? text, string field, List<FieldViolation> errors)
    {
        if (Guid.TryParse(text, out var id))
        {
            return id;
        }
        errors.Add(new(field, string.IsNullOrWhiteSpace(text) ? "is required." : UuidRule));
        return Guid.Empty;
    }

    /// <summary>An optional resource id: null when blank, named when present but not a UUID.</summary>
    public static Guid? OptionalUuid(string? text, string field, List<FieldViolation> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Guid.TryParse(text, out var id))
        {
            return id;
        }
        errors.Add(new(field, UuidRule));
        return null;
    }

    public static DateOnly? RequiredDate(string? text, string field, List<FieldViolation> errors)
    {
        if (DateText.TryParse(text.AsSpan().Trim(), out var date))
        {
            return date;
        }
        errors.Add(new(field, string.IsNullOrWhiteSpace(text) ? "is required." : DateRule));
        return null;
    }

    public static DateOnly Date(string? text, DateOnly fallback, string field, List<FieldViolation> errors) =>
        string.IsNullOrWhiteSpace(text) ? fallback : RequiredDate(text, field, errors) ?? fallback;

    /// <summary>
    /// An inclusive date range: <paramref name="toText"/> defaults to <paramref name="today"/>,
    /// <paramref name="fromText"/> to one year before the end; a start after the end is named.
    /// </summary>
    public static (DateOnly From, DateOnly To) DateRange(
        string? fromText, string? toText, DateOnly today, string fromField, string toField, List<FieldViolation> errors)
    {
        var to = Date(toText, today, toField, errors);
        var from = Date(fromText, to.AddYears(-1), fromField, errors);
        if (from > to) errors.Add(new(fromField, $"must not be after '{toField}'."));
        return (from, to);
    }

    /// <summary>A decimal string; <paramref name="fallback"/> when blank, or "is required" without one.</summary>
    public static decimal Decimal(string? text, decimal? fallback, string field, List<FieldViolation> errors)
    {
        if (string.IsNullOrWhiteSpace(text) && fallback is { } value)
        {
            return value;
        }
        if (DecimalText.TryParse(text, out var parsed))
        {
            return parsed;
        }
        errors.Add(new(field, string.IsNullOrWhiteSpace(text) ? "is required." : DecimalRule));
        return 0m;
    }

    /// <summary>
    /// A decimal string greater than zero and at most <paramref name="max"/> (a price unless said
    /// otherwise); null (and no error) when blank and optional.
    /// </summary>
    public static decimal? PositiveDecimal(
        string? text, string field, bool required, List<FieldViolation> errors, decimal max = NumericBounds.MaxPrice)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(new(field, "is required."));
            }
            return null;
        }
        if (!DecimalText.TryParse(text, out var value))
        {
            errors.Add(new(field, DecimalRule));
            return null;
        }
        if (value <= 0)
        {
            errors.Add(new(field, "must be greater than 0."));
            return null;
        }
        return WithinBounds(value, max, field, errors) ? value : null;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is at most <paramref name="max"/> in magnitude and has at most
    /// <see cref="NumericBounds.MaxDecimalPlaces"/> decimal places (trailing zeros do not count);
    /// names the field otherwise. The bounds are <see cref="NumericBounds"/>.
    /// </summary>
    public static bool WithinBounds(decimal value, decimal max, string field, List<FieldViolation> errors)
    {
        if (Math.Abs(value) > max)
        {
            errors.Add(new(field, $"must be at most {DecimalText.Format(max)}."));
            return false;
        }
        if (decimal.Round(value, NumericBounds.MaxDecimalPlaces) != value)
        {
            errors.Add(new(field, $"must have at most {NumericBounds.MaxDecimalPlaces} decimal places."));
            return false;
        }
        return true;
    }

    /// <summary>
    /// Trimmed text of 1 to <paramref name="maxLength"/> characters; blank counts as missing. Control
    /// characters (NUL included) are refused; <paramref name="multiline"/> text such as notes may keep
    /// line breaks and tabs.
    /// </summary>
    public static string? RequiredText(string? text, string field, int maxLength, List<FieldViolation> errors, bool multiline = false)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            errors.Add(new(field, "is required."));
            return null;
        }
        return CheckedText(value, field, maxLength, multiline, errors);
    }

    /// <summary>
    /// Trimmed optional text of at most <paramref name="maxLength"/> characters, null when blank; the
    /// same character rule as <see cref="RequiredText"/>.
    /// </summary>
    public static string? OptionalText(string? text, string field, int maxLength, List<FieldViolation> errors, bool multiline = false)
    {
        var value = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return value is null ? null : CheckedText(value, field, maxLength, multiline, errors);
    }

    /// <summary>
    /// The reason <paramref name="text"/> cannot be stored as text, or null when it can: a control
    /// character (PostgreSQL refuses NUL outright, the others forge lines in logs and files) or a
    /// lone UTF-16 surrogate (not encodable as UTF-8). Multi-line text may keep tab, LF and CR.
    /// </summary>
    public static string? TextProblem(string text, bool multiline = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "must be valid Unicode text.";
            }
            else if (multiline && c is '\t' or '\n' or '\r')
            {
                continue;
            }
            else if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                return multiline
                    ? "must not contain control characters other than line breaks and tabs."
                    : "must not contain control characters, line breaks or tabs.";
            }
        }
        return null;
    }

    private static string? CheckedText(string value, string field, int maxLength, bool multiline, List<FieldViolation> errors)
    {
        if (value.Length > maxLength)
        {
            errors.Add(new(field, $"must be at most {maxLength} characters."));
            return null;
        }
        if (TextProblem(value, multiline) is { } problem)
        {
            errors.Add(new(field, problem));
            return null;
        }
        return value;
    }

    /// <summary>
    /// A page size as Google AIP-158 reads it: 0 means the default, above the maximum is coerced
    /// to the maximum; only a negative size is an error.
    /// </summary>
    public static int PageSize(int requested, int defaultSize, int maxSize, string field, List<FieldViolation> errors)
    {
        if (requested < 0)
        {
            errors.Add(new(field, "must not be negative."));
            return defaultSize;
        }
        return requested == 0 ? defaultSize : Math.Min(requested, maxSize);
    }

    /// <summary>An optional calendar year: 0 (proto3's unset) means none; otherwise 1900 to 9999.</summary>
    public static int? OptionalYear(int year, string field, List<FieldViolation> errors)
    {
        if (year == 0)
        {
            return null;
        }
        if (year is < 1900 or > 9999)
        {
            errors.Add(new(field, "must be a year from 1900 to 9999."));
            return null;
        }
        return year;
    }

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9.\-_]{0,19}$")]
    private static partial Regex ExchangeCodePattern();
}
