namespace PortfolioTracker.Portfolio.Domain;

/// <summary>
/// Checks a transaction field by field and reports every bad field at once, named as the
/// JSON API names it. Mirrors the database's CHECK constraints so clients get a clear
/// message instead of a constraint name. Field syntax is the shared request vocabulary
/// (<see cref="RequestFields"/>); what is checked here is what a transaction's type demands.
/// </summary>
public static class TransactionValidator
{
    public const int MaxNotesLength = RequestFields.MaxNotesLength;
    private static readonly DateOnly EarliestDate = new(1900, 1, 1);

    public static ValidationResult<NewTransaction> Validate(TransactionInput input, DateOnly today)
    {
        var errors = new List<FieldViolation>();

        var portfolioId = RequestFields.OptionalUuid(input.PortfolioId, "portfolioId", errors);

        if (!TransactionTypes.TryParse(input.TransactionType, out var type))
        {
            errors.Add(new("transactionType", string.IsNullOrWhiteSpace(input.TransactionType)
                ? "is required."
                : $"must be one of {TransactionTypes.AllStorageNames}."));
            return ValidationResult<NewTransaction>.Invalid(errors);
        }

        var currency = RequestFields.Currency(input.Currency, "currency", errors);

        // Cash moving in or out names no security: its symbol defaults to its currency.
        var symbolText = string.IsNullOrWhiteSpace(input.Symbol) && type.IsCashFlow() && currency.Length > 0 ? currency : input.Symbol;
        var symbol = RequestFields.Symbol(symbolText, "symbol", errors);

        var quantity = ParsedDecimal(input.Quantity, "quantity", required: true, errors);
        if (quantity is { } q)
        {
            if (type is TransactionType.Split || type.NeedsPositiveAmount())
            {
                if (q <= 0) errors.Add(new("quantity", "must be greater than 0."));
            }
            else if (q < 0)
            {
                errors.Add(new("quantity", "must not be negative."));
            }
            var maxQuantity = type is TransactionType.Split ? NumericBounds.MaxSplitRatio : NumericBounds.MaxQuantity;
            if (!RequestFields.WithinBounds(q, maxQuantity, "quantity", errors)) quantity = null;
        }

        decimal? price = type is TransactionType.Split && string.IsNullOrWhiteSpace(input.Price)
            ? 0m
            : ParsedDecimal(input.Price, "price", required: true, errors);
        if (price is { } p)
        {
            if (type.NeedsPositiveAmount() && p <= 0) errors.Add(new("price", "must be greater than 0."));
            else if (!type.NeedsPositiveAmount() && p < 0) errors.Add(new("price", "must not be negative."));
            else if (type is TransactionType.Split && p != 0) errors.Add(new("price", "must be 0 for a split."));
            if (!RequestFields.WithinBounds(p, NumericBounds.MaxPrice, "price", errors)) price = null;
        }

        var date = PastDate(input.Date, today, errors);

        var commission = ParsedDecimal(input.Commission, "commission", required: false, errors) ?? 0m;
        if (commission < 0) errors.Add(new("commission", "must not be negative."));
        else if (RequestFields.WithinBounds(commission, NumericBounds.MaxAmount, "commission", errors)
            && quantity is { } shares && price is { } perShare && shares * perShare + commission > NumericBounds.MaxAmount)
        {
            // Each factor in bounds can still make a total no portfolio sum should carry.
            errors.Add(new("quantity", $"times price plus commission must be at most {DecimalText.Format(NumericBounds.MaxAmount)}."));
        }

        var exchangeRate = ParsedDecimal(input.ExchangeRate, "exchangeRate", required: false, errors);
        if (exchangeRate <= 0) errors.Add(new("exchangeRate", "must be greater than 0."));
        else if (exchangeRate < NumericBounds.MinFxRate) errors.Add(new("exchangeRate", $"must be at least {DecimalText.Format(NumericBounds.MinFxRate)}."));
        else if (exchangeRate is { } rate) RequestFields.WithinBounds(rate, NumericBounds.MaxFxRate, "exchangeRate", errors);

        var notes = RequestFields.OptionalText(input.Notes, "notes", MaxNotesLength, errors, multiline: true);

        if (errors.Count > 0)
        {
            return ValidationResult<NewTransaction>.Invalid(errors);
        }
        return ValidationResult<NewTransaction>.Valid(new NewTransaction(
            portfolioId, type, symbol, quantity!.Value, price!.Value, date!.Value, currency, commission, notes, exchangeRate));
    }

    /// <summary>A trade date: not in the future (as the database's check) and not before 1900.</summary>
    private static DateOnly? PastDate(string? text, DateOnly today, List<FieldViolation> errors)
    {
        var date = RequestFields.RequiredDate(text, "date", errors);
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

    /// <summary>
    /// A decimal by the shared vocabulary; null when blank and optional, or when unreadable (then
    /// already named), so the range checks above never report a field twice.
    /// </summary>
    private static decimal? ParsedDecimal(string? text, string field, bool required, List<FieldViolation> errors)
    {
        if (!required && string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var known = errors.Count;
        var value = RequestFields.Decimal(text, fallback: null, field, errors);
        return errors.Count == known ? value : null;
    }
}
