using System.Globalization;
using System.Text;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Holdings;
using PortfolioTracker.Portfolio.Domain.Import;

namespace PortfolioTracker.Portfolio.Application.Transactions;

/// <summary>
/// An import's in-process path run once on a generated file (no user's data): the CSV parser, the
/// row validation and the holdings replay of the inserted rows. A fresh process compiles them here,
/// at start, instead of inside its first import (at the gateway the first import of a freshly
/// started suite spent 349 ms outside the database, later ones about 150 ms).
/// </summary>
public static class ImportWarmUp
{
    private static readonly string[] Symbols = ["WA", "WB", "WE"];

    /// <summary>The file's rows as the insert would return them, for the answer's mapping.</summary>
    public static IReadOnlyList<TransactionRow> Run(DateOnly today, int rows = 2_000)
    {
        var file = TransactionFileParser.Parse(Csv(today, rows));
        var errors = new List<FieldViolation>(file.Errors);
        var portfolioId = Guid.NewGuid();
        var valid = ImportValidation.ValidRows(file, portfolioId, today, errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The import warm-up's file is invalid: {errors[0].Field}: {errors[0].Description}");
        }
        var now = DateTime.UtcNow;
        var stored = valid.ConvertAll(t => new TransactionRow(Guid.NewGuid(), portfolioId, t.Type.ToStorage(), t.Symbol,
            t.Quantity, t.Price, t.Date, t.Currency, t.Commission, t.Notes, t.ExchangeRate, now, now));
        var before = new HoldingsWriter.StoredLedgers(Symbols.ToDictionary(s => (portfolioId, s), _ => new List<(LedgerLine Line, DateTime CreatedAt)>()));
        var (_, problem) = HoldingsWriter.ReplayWithInserted(before, stored);
        return problem is null ? stored : throw new InvalidOperationException($"The import warm-up's ledger does not add up: {problem}");
    }

    /// <summary>The generic CSV: buys of three symbols on consecutive days, a sale of one share every fifth row.</summary>
    private static string Csv(DateOnly today, int rows)
    {
        var text = new StringBuilder("type,symbol,quantity,price,date,currency,commission,notes\n");
        var first = today.AddDays(-rows);
        for (var i = 0; i < rows; i++)
        {
            var sell = i % 5 == 4;
            text.Append(CultureInfo.InvariantCulture,
                $"{(sell ? "SELL" : "BUY")},{Symbols[i % Symbols.Length]},{(sell ? 1 : 2)},{100 + i % 50}.25,{first.AddDays(i):yyyy-MM-dd},USD,0.5,warm-up {i}\n");
        }
        return text.ToString();
    }
}
