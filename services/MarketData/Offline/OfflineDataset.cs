using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using PortfolioTracker.MarketData.Data;

namespace PortfolioTracker.MarketData.Offline;

/// <summary>
/// A folder of market data files, the offline provider's input:
/// <c>stocks.csv</c>, <c>prices/SYMBOL.csv</c>, <c>fx/FROMTO.csv</c>, <c>dividends.csv</c> (see
/// <see cref="OfflineDividend"/>),
/// <c>market_holidays.csv</c> (all optional). Column names are the table's own
/// (<c>date,open,high,low,close,adjusted_close,volume,dividend_amount,split_coefficient</c>;
/// <c>date,rate</c>; …). Parsing only: nothing here writes.
/// </summary>
public sealed class OfflineDataset(string folder)
{
    private static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture)
    {
        PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
        MissingFieldFound = null,
    };

    public string Folder { get; } = folder;

    public IReadOnlyList<StockRow> Stocks() =>
        Read(Path.Combine(Folder, "stocks.csv"), csv => new StockRow(
            csv.GetField("symbol")!.Trim().ToUpperInvariant(),
            Optional(csv, "company_name"),
            Optional(csv, "exchange"),
            csv.GetField("currency")!.Trim(),
            Optional(csv, "sector"),
            Optional(csv, "industry"),
            Optional(csv, "country")));

    public IEnumerable<OfflinePrices> Prices()
    {
        var directory = Path.Combine(Folder, "prices");
        if (!Directory.Exists(directory))
        {
            yield break;
        }
        foreach (var file in Directory.EnumerateFiles(directory, "*.csv").Order(StringComparer.Ordinal))
        {
            var bars = Read(file, csv =>
            {
                var close = Decimal(csv, "close");
                return new DailyBar(
                    Date(csv, "date"),
                    Decimal(csv, "open"),
                    Decimal(csv, "high"),
                    Decimal(csv, "low"),
                    close,
                    OptionalDecimal(csv, "adjusted_close") ?? close,
                    long.Parse(csv.GetField("volume") ?? "0", NumberStyles.Integer, CultureInfo.InvariantCulture),
                    OptionalDecimal(csv, "dividend_amount") ?? 0m,
                    OptionalDecimal(csv, "split_coefficient") ?? 1m);
            });
            yield return new OfflinePrices(Path.GetFileNameWithoutExtension(file).ToUpperInvariant(), bars);
        }
    }

    /// <summary>Files named after their pair, e.g. <c>EURUSD.csv</c> holds units of USD per EUR.</summary>
    public IEnumerable<OfflineRates> Rates()
    {
        var directory = Path.Combine(Folder, "fx");
        if (!Directory.Exists(directory))
        {
            yield break;
        }
        foreach (var file in Directory.EnumerateFiles(directory, "*.csv").Order(StringComparer.Ordinal))
        {
            var pair = Path.GetFileNameWithoutExtension(file).ToUpperInvariant();
            if (pair.Length != 6)
            {
                throw new InvalidDataException($"{file}: an FX file is named after its pair, such as EURUSD.csv.");
            }
            yield return new OfflineRates(pair[..3], pair[3..], Read(file, csv => (Date(csv, "date"), Decimal(csv, "rate"))));
        }
    }

    /// <summary>Dividend events by symbol, as the DIVIDENDS financial document stores them.</summary>
    public IReadOnlyDictionary<string, List<OfflineDividend>> Dividends() =>
        Read(Path.Combine(Folder, "dividends.csv"), csv => (
                Symbol: csv.GetField("symbol")!.Trim().ToUpperInvariant(),
                Dividend: new OfflineDividend(
                    Date(csv, "ex_date"),
                    OptionalDate(csv, "pay_date"),
                    Decimal(csv, "amount"),
                    csv.GetField("currency")!.Trim(),
                    OptionalDate(csv, "record_date"),
                    OptionalDate(csv, "declaration_date"),
                    Optional(csv, "dividend_type")?.ToLowerInvariant() ?? DividendTypes.Cash)))
            .GroupBy(d => d.Symbol)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Dividend).ToList());

    public IReadOnlyList<(DateOnly Date, string Exchange, string Name)> Holidays() =>
        Read(Path.Combine(Folder, "market_holidays.csv"), csv =>
            (Date(csv, "date"), csv.GetField("exchange")?.Trim() ?? "ALL", csv.GetField("name")?.Trim() ?? ""));

    /// <summary>The DIVIDENDS document in the provider's own shape, so both sources store the same JSON.</summary>
    public static string DividendsDocument(IEnumerable<OfflineDividend> dividends) =>
        JsonSerializer.Serialize(new
        {
            data = dividends.Select(d => new
            {
                ex_dividend_date = d.ExDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                payment_date = d.PayDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "None",
                amount = d.Amount.ToString(CultureInfo.InvariantCulture),
                currency = d.Currency,
            }),
        });

    private static List<T> Read<T>(string path, Func<CsvReader, T> map)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, Csv);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<T>();
        while (csv.Read())
        {
            try
            {
                rows.Add(map(csv));
            }
            catch (Exception exception) when (exception is FormatException or OverflowException or CsvHelperException)
            {
                throw new InvalidDataException($"{path}, line {csv.Parser.RawRow}: {exception.Message}", exception);
            }
        }
        return rows;
    }

    private static string? Optional(CsvReader csv, string name) =>
        csv.TryGetField<string>(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static DateOnly Date(CsvReader csv, string name) =>
        DateOnly.ParseExact(csv.GetField(name)!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? OptionalDate(CsvReader csv, string name) =>
        Optional(csv, name) is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    private static decimal Decimal(CsvReader csv, string name) =>
        decimal.Parse(csv.GetField(name)!, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static decimal? OptionalDecimal(CsvReader csv, string name) =>
        Optional(csv, name) is { } text ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture) : null;
}
