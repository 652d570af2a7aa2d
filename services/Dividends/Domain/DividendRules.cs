namespace PortfolioTracker.Dividends.Domain;

/// <summary>
/// What a dividend's values must satisfy, checked before anything is written, each problem named
/// by its JSON field: amount and shares greater than 0, a total that agrees with amount × shares
/// (within the table's 0.01), withholding tax between 0 and the total (gross = net + tax), a pay
/// date on or after the ex-date, an ex-date at most a year ahead, a known currency.
/// </summary>
public static class DividendRules
{
    /// <summary>The table's own tolerance (user_dividends_total_calculation_check).</summary>
    public const decimal TotalTolerance = 0.01m;

    public const int MaxNotesLength = 1000;

    /// <summary>
    /// The row after an edit: fields left out keep their value; when amount or shares change and
    /// the total is left out, the total follows (amount × shares).
    /// </summary>
    public static DividendValues? Merge(DividendValues before, DividendInput input, DateOnly today, List<FieldViolation> errors)
    {
        var amount = input.Amount is null ? before.Amount : RequestFields.PositiveDecimal(input.Amount, "amount", true, errors);
        var shares = input.Shares is null
            ? before.Shares
            : RequestFields.PositiveDecimal(input.Shares, "sharesHeldAtExDate", true, errors, NumericBounds.MaxQuantity);
        var total = input.TotalAmount is null
            ? (input.Amount is null && input.Shares is null ? before.TotalAmount : null)
            : RequestFields.PositiveDecimal(input.TotalAmount, "totalAmount", true, errors, NumericBounds.MaxAmount);
        var tax = input.TaxWithheld is null ? before.TaxWithheld : NonNegative(input.TaxWithheld, "taxWithheld", errors);
        var exDate = input.ExDate is null ? before.ExDate : RequestFields.RequiredDate(input.ExDate, "exDate", errors);
        var payDate = input.PayDate is null ? before.PayDate
            : input.PayDate.Trim().Length == 0 ? null
            : RequestFields.RequiredDate(input.PayDate, "payDate", errors);
        var currency = input.Currency is null ? before.Currency : KnownCurrency(input.Currency, "currency", errors);
        var notes = input.Notes is null ? before.Notes : RequestFields.OptionalText(input.Notes, "notes", MaxNotesLength, errors, multiline: true);
        if (amount is null || shares is null || exDate is null || tax is null || errors.Count > 0)
        {
            return null;
        }
        var values = before with
        {
            Amount = amount.Value, Shares = shares.Value, TotalAmount = total ?? amount.Value * shares.Value, TaxWithheld = tax.Value,
            ExDate = exDate.Value, PayDate = payDate, Currency = currency, Notes = notes,
        };
        return Check(values, today, errors) ? values : null;
    }

    /// <summary>The cross-field rules; true when every one holds.</summary>
    public static bool Check(DividendValues values, DateOnly today, List<FieldViolation> errors)
    {
        var before = errors.Count;
        if (values.PayDate is { } pay && pay < values.ExDate)
        {
            errors.Add(new("payDate", "must not be before 'exDate'."));
        }
        if (values.ExDate > today.AddYears(1))
        {
            errors.Add(new("exDate", "must be at most a year ahead."));
        }
        if (Math.Abs(values.TotalAmount - values.Amount * values.Shares) >= TotalTolerance)
        {
            errors.Add(new("totalAmount", "must equal amount × sharesHeldAtExDate (within 0.01)."));
        }
        else if (values.TaxWithheld > values.TotalAmount)
        {
            errors.Add(new("taxWithheld", "must not exceed the gross total (gross = net + tax)."));
        }
        return errors.Count == before;
    }

    public static string KnownCurrency(string? text, string field, List<FieldViolation> errors)
    {
        var before = errors.Count;
        var currency = RequestFields.Currency(text, field, errors);
        if (errors.Count == before && !CurrencyCodes.Known.Contains(currency))
        {
            errors.Add(new(field, "must be a known ISO 4217 currency code."));
        }
        return currency;
    }

    public static decimal? NonNegative(string? text, string field, List<FieldViolation> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0m;
        }
        var before = errors.Count;
        var value = RequestFields.Decimal(text, null, field, errors);
        if (errors.Count > before)
        {
            return null;
        }
        if (value < 0)
        {
            errors.Add(new(field, "must not be negative."));
            return null;
        }
        return RequestFields.WithinBounds(value, NumericBounds.MaxAmount, field, errors) ? value : null;
    }
}
