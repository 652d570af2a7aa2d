using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace PortfolioTracker.Portfolio.Domain.Import;

/// <summary>
/// Reads transactions from the formats users bring:
/// <list type="bullet">
/// <item>generic CSV: <c>type,symbol,quantity,price,date,currency,commission,notes[,exchange_rate]</c>;</item>
/// <item>a Ghostfolio activities CSV (<c>Date,Code,DataSource,Currency,Price,Quantity,Action,Fee,Note</c>) —
/// the same reader, since column names are matched through the aliases Ghostfolio itself accepts;</item>
/// <item>a Ghostfolio JSON export (<c>{"activities":[{"type","symbol","quantity","unitPrice","fee","currency","date","comment"}]}</c>).</item>
/// </list>
/// Values stay text: <see cref="TransactionValidator"/> judges them, row by row.
/// </summary>
public static class TransactionFileParser
{
    public const int MaxRows = 10_000;

    private static readonly string[] TypeKeys = ["type", "transaction_type", "transactiontype", "action", "buy/sell"];
    private static readonly string[] SymbolKeys = ["symbol", "code", "ticker"];
    private static readonly string[] QuantityKeys = ["quantity", "qty", "shares", "units"];
    private static readonly string[] PriceKeys = ["price", "unitprice", "unit_price", "tradeprice", "value"];
    private static readonly string[] DateKeys = ["date", "tradedate", "trade_date"];
    private static readonly string[] CurrencyKeys = ["currency", "ccy", "currencyprimary"];
    private static readonly string[] CommissionKeys = ["commission", "fee", "fees", "ibcommission"];
    private static readonly string[] NotesKeys = ["notes", "note", "comment"];
    private static readonly string[] ExchangeRateKeys = ["exchange_rate", "exchangerate"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd-MM-yyyy", "dd/MM/yyyy", "dd.MM.yyyy", "yyyyMMdd"];

    public static ImportFile Parse(string content, string? format = null)
    {
        var trimmed = content.TrimStart();
        var json = format?.EndsWith("json", StringComparison.OrdinalIgnoreCase)
            ?? (trimmed.StartsWith('{') || trimmed.StartsWith('['));
        return json ? ParseGhostfolioJson(content) : ParseCsv(content);
    }

    private static ImportFile ParseCsv(string content)
    {
        var rows = new List<ImportRow>();
        var errors = new List<FieldViolation>();
        using var reader = new StringReader(content);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            DetectDelimiter = true,
            MissingFieldFound = null,
            BadDataFound = null,
        });
        if (!csv.Read() || !csv.ReadHeader())
        {
            return new ImportFile([], [new("content", "is empty: a header row and at least one transaction are expected.")]);
        }
        var columns = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var header = columns.ToHashSet();
        foreach (var (name, keys) in new[] { ("type", TypeKeys), ("symbol", SymbolKeys), ("quantity", QuantityKeys), ("date", DateKeys), ("currency", CurrencyKeys) })
        {
            if (!keys.Any(header.Contains))
            {
                errors.Add(new("content", $"has no {name} column (accepted names: {string.Join(", ", keys)})."));
            }
        }
        if (errors.Count > 0)
        {
            return new ImportFile([], errors);
        }

        // Each field's candidate columns, in the order of its accepted names, found once: a value
        // is the first of them that is not blank. Looking names up per row cost most of a
        // 10,000-row file's reading.
        int[] Indexes(string[] keys) => [.. keys.Where(header.Contains).Select(k => columns.IndexOf(k))];
        var type = Indexes(TypeKeys);
        var symbol = Indexes(SymbolKeys);
        var quantity = Indexes(QuantityKeys);
        var price = Indexes(PriceKeys);
        var date = Indexes(DateKeys);
        var currency = Indexes(CurrencyKeys);
        var commission = Indexes(CommissionKeys);
        var notes = Indexes(NotesKeys);
        var exchangeRate = Indexes(ExchangeRateKeys);
        while (csv.Read())
        {
            var row = rows.Count + 1;
            if (row > MaxRows)
            {
                return new ImportFile([], [new("content", $"has more than {MaxRows} rows; split the file.")]);
            }
            string? Field(int[] indexes)
            {
                foreach (var index in indexes)
                {
                    var value = csv.GetField(index);
                    if (!string.IsNullOrWhiteSpace(value))
                    {
                        return value;
                    }
                }
                return null;
            }
            rows.Add(new ImportRow(row, Normalise(
                row,
                Field(type),
                Field(symbol),
                Field(quantity),
                Field(price),
                Field(date),
                Field(currency),
                Field(commission),
                Field(notes),
                Field(exchangeRate),
                errors)));
        }
        return Finish(rows, errors);
    }

    private static ImportFile ParseGhostfolioJson(string content)
    {
        var rows = new List<ImportRow>();
        var errors = new List<FieldViolation>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException exception)
        {
            // Where, not the parser's own wording: no framework text reaches a client.
            return new ImportFile([], [new("content",
                $"is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).")]);
        }
        using (document)
        {
            var activities = document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement
                : document.RootElement.TryGetProperty("activities", out var a) ? a : default;
            if (activities.ValueKind != JsonValueKind.Array)
            {
                return new ImportFile([], [new("content", "has no \"activities\" array (a Ghostfolio export is expected).")]);
            }
            foreach (var activity in activities.EnumerateArray())
            {
                var row = rows.Count + 1;
                if (row > MaxRows)
                {
                    return new ImportFile([], [new("content", $"has more than {MaxRows} rows; split the file.")]);
                }
                string? Text(string name) => activity.ValueKind == JsonValueKind.Object && activity.TryGetProperty(name, out var v)
                    ? v.ValueKind switch
                    {
                        JsonValueKind.String => v.GetString(),
                        JsonValueKind.Number => v.GetRawText(),
                        _ => null,
                    }
                    : null;
                rows.Add(new ImportRow(row, Normalise(
                    row, Text("type"), Text("symbol"), Text("quantity"), Text("unitPrice"), Text("date"),
                    Text("currency"), Text("fee"), Text("comment"), null, errors)));
            }
        }
        return Finish(rows, errors);
    }

    /// <summary>Ghostfolio's vocabulary mapped onto ours; dates in the formats it accepts.</summary>
    private static TransactionInput Normalise(
        int row, string? type, string? symbol, string? quantity, string? price, string? date, string? currency,
        string? commission, string? notes, string? exchangeRate, List<FieldViolation> errors)
    {
        var normalisedType = type?.Trim().ToUpperInvariant();
        if (normalisedType is "LIABILITY" or "ITEM")
        {
            errors.Add(new($"rows[{row}].transactionType", $"{normalisedType} activities are not supported; remove the row or book it as a DEPOSIT."));
        }

        // Ghostfolio writes a DIVIDEND as quantity × unit price; so do we. A missing price on
        // a cash movement means the quantity is the amount.
        if (normalisedType is "DEPOSIT" or "WITHDRAWAL" or "FEE" or "INTEREST" or "TAX" && string.IsNullOrWhiteSpace(price))
        {
            price = "1";
        }

        return new TransactionInput(
            PortfolioId: null,
            TransactionType: normalisedType,
            Symbol: symbol,
            Quantity: quantity?.Trim(),
            Price: price?.Trim(),
            Date: NormaliseDate(date),
            Currency: currency?.Trim(),
            Commission: commission?.Trim(),
            Notes: notes,
            ExchangeRate: exchangeRate);
    }

    private static string? NormaliseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return text;
        }
        var value = text.Trim();
        if (DateText.TryParse(value, out _))
        {
            return value; // already the form the validator reads
        }
        if (value.Contains('T') && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            return timestamp.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : value; // left for the validator to report
    }

    private static ImportFile Finish(List<ImportRow> rows, List<FieldViolation> errors) =>
        rows.Count == 0 && errors.Count == 0
            ? new ImportFile([], [new("content", "holds no transactions.")])
            : new ImportFile(rows, errors);
}
