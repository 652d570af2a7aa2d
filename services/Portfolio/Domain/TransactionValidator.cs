using System.Globalization;
using PortfolioTracker.ServiceDefaults.Validation;
using PortfolioTracker.ServiceDefaults.Wire;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.Portfolio.Domain;

/// <summary>
/// Checks a transaction field by field and reports every bad field at once, named as the
/// JSON API names it. Mirrors the database's CHECK constraints so clients get a clear
/// message instead of a constraint name.
/// </summary>
public static class TransactionValidator
{
    public const int MaxNotesLength = 1000;
    private static readonly DateOnly EarliestDate = new(1900, 1, 1);

    public static ValidationResult<NewTransaction> Validate(TransactionInput input, DateOnly today)
    {
        var errors = new List<FieldViolation>();

        Guid? portfolioId = null;
        if (!string.IsNullOrWhiteSpace(input.PortfolioId))
        {
            if (Guid.TryParse(input.PortfolioId, out var id))
            {
                portfolioId = id;
            }
            else
            {
                errors.Add(new("portfolioId", "must be a UUID."));
            }
        }

        if (!TransactionTypes.TryParse(input.TransactionType, out var type))
        {
            errors.Add(new("transactionType", string.IsNullOrWhiteSpace(input.TransactionType)
                ? "is required."
                : "must be one of BUY, SELL, DEPOSIT, WITHDRAWAL, DIVIDEND, SPLIT, FEE."));
            return ValidationResult<NewTransaction>.Invalid(errors);
        }

        var currency = input.Currency?.Trim() ?? "";
        if (currency.Length == 0)
        {
            errors.Add(new("currency", "is required."));
        }
        else if (!Codes.IsCurrency(currency))
        {
            errors.Add(new("currency", "must be an ISO 4217 code of three upper-case letters, such as USD."));
        }

        var symbol = input.Symbol?.Trim().ToUpperInvariant() ?? "";
        if (symbol.Length == 0 && type.IsCashFlow() && currency.Length > 0)
        {
            symbol = currency;
        }
        if (symbol.Length == 0)
        {
            errors.Add(new("symbol", "is required."));
        }
        else if (!Codes.IsSymbol(symbol))
        {
            errors.Add(new("symbol", "must be 1-20 letters, digits or . - ^ = : characters."));
        }

        var quantity = RequiredDecimal(input.Quantity, "quantity", errors);
        if (quantity is { } q)
        {
            if (type is TransactionType.Split || type.IsTrade())
            {
                if (q <= 0) errors.Add(new("quantity", "must be greater than 0."));
            }
            else if (q < 0)
            {
                errors.Add(new("quantity", "must not be negative."));
            }
        }

        decimal? price = type is TransactionType.Split && string.IsNullOrWhiteSpace(input.Price)
            ? 0m
            : RequiredDecimal(input.Price, "price", errors);
        if (price is { } p)
        {
            if (type.IsTrade() && p <= 0) errors.Add(new("price", "must be greater than 0."));
            else if (!type.IsTrade() && p < 0) errors.Add(new("price", "must not be negative."));
            else if (type is TransactionType.Split && p != 0) errors.Add(new("price", "must be 0 for a split."));
        }

        var date = ParseDate(input.Date, today, errors);

        var commission = OptionalDecimal(input.Commission, "commission", errors) ?? 0m;
        if (commission < 0) errors.Add(new("commission", "must not be negative."));

        var exchangeRate = OptionalDecimal(input.ExchangeRate, "exchangeRate", errors);
        if (exchangeRate <= 0) errors.Add(new("exchangeRate", "must be greater than 0."));

        var notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        if (notes?.Length > MaxNotesLength) errors.Add(new("notes", $"must be at most {MaxNotesLength} characters."));

        if (errors.Count > 0)
        {
            return ValidationResult<NewTransaction>.Invalid(errors);
        }
        return ValidationResult<NewTransaction>.Valid(new NewTransaction(
            portfolioId, type, symbol, quantity!.Value, price!.Value, date!.Value, currency, commission, notes, exchangeRate));
    }

    private static DateOnly? ParseDate(string? text, DateOnly today, List<FieldViolation> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new("date", "is required."));
            return null;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(new("date", "must be a date written YYYY-MM-DD."));
            return null;
        }
        if (date > today)
        {
            errors.Add(new("date", "must not be in the future."));
            return null;
        }
        if (date < EarliestDate)
        {
            errors.Add(new("date", "must not be before 1900-01-01."));
            return null;
        }
        return date;
    }

    private static decimal? RequiredDecimal(string? text, string field, List<FieldViolation> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(field, "is required."));
            return null;
        }
        return OptionalDecimal(text, field, errors);
    }

    private static decimal? OptionalDecimal(string? text, string field, List<FieldViolation> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DecimalText.TryParse(text, out var value))
        {
            return value;
        }
        errors.Add(new(field, "must be a decimal number written as a string, such as \"150.75\"."));
        return null;
    }
}
