using System.Globalization;
using System.Text.RegularExpressions;
using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Wire;

namespace PortfolioTracker.MarketData.Grpc;

/// <summary>Field parsing shared by the market-data adapters; every problem names its field.</summary>
internal static partial class RequestFields
{
    public const int MaxSymbolsPerBatch = 500;

    public static string Symbol(string text, string field, List<FieldViolation> errors)
    {
        var symbol = text.Trim().ToUpperInvariant();
        if (!Codes.IsSymbol(symbol))
        {
            errors.Add(new(field, symbol.Length == 0 ? "is required." : "must be 1-20 letters, digits or . - ^ = : characters."));
        }
        return symbol;
    }

    /// <summary>An exchange code as stored (NYSE, XETRA, NYSE.ARCA), matched case-insensitively.</summary>
    public static string ExchangeCode(string text, string field, List<FieldViolation> errors)
    {
        var code = text.Trim().ToUpperInvariant();
        if (!ExchangeCodePattern().IsMatch(code))
        {
            errors.Add(new(field, code.Length == 0 ? "is required." : "must be 1-20 letters, digits or . - _ characters."));
        }
        return code;
    }

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

    public static string Currency(string text, string field, List<FieldViolation> errors)
    {
        var currency = text.Trim();
        if (!Codes.IsCurrency(currency))
        {
            errors.Add(new(field, "must be an ISO 4217 code of three upper-case letters, such as USD."));
        }
        return currency;
    }

    public static DateOnly Date(string text, DateOnly fallback, string field, List<FieldViolation> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return RequiredDate(text, field, errors) ?? fallback;
    }

    /// <summary>
    /// An inclusive date range: <paramref name="toText"/> defaults to <paramref name="today"/>,
    /// <paramref name="fromText"/> to one year before the end; a start after the end is named.
    /// </summary>
    public static (DateOnly From, DateOnly To) DateRange(
        string fromText, string toText, DateOnly today, string fromField, string toField, List<FieldViolation> errors)
    {
        var to = Date(toText, today, toField, errors);
        var from = Date(fromText, to.AddYears(-1), fromField, errors);
        if (from > to) errors.Add(new(fromField, $"must not be after '{toField}'."));
        return (from, to);
    }

    public static DateOnly? RequiredDate(string text, string field, List<FieldViolation> errors)
    {
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add(new(field, string.IsNullOrWhiteSpace(text) ? "is required." : "must be a date written YYYY-MM-DD."));
        return null;
    }

    public static decimal Decimal(string text, decimal? fallback, string field, List<FieldViolation> errors)
    {
        if (string.IsNullOrWhiteSpace(text) && fallback is { } value)
        {
            return value;
        }
        if (DecimalText.TryParse(text, out var parsed))
        {
            return parsed;
        }
        errors.Add(new(field, string.IsNullOrWhiteSpace(text) ? "is required." : "must be a decimal number written as a string."));
        return 0m;
    }

    public static void ThrowIfAny(List<FieldViolation> errors)
    {
        if (errors.Count > 0)
        {
            RpcErrors.InvalidArgument(errors);
        }
    }

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9.\-_]{0,19}$")]
    private static partial Regex ExchangeCodePattern();
}
