using PortfolioTracker.Dividends.Data;
using PortfolioTracker.Dividends.Domain;
using PortfolioTracker.Dividends.Messaging;
using PortfolioTracker.Protos.Dividends.V1;

namespace PortfolioTracker.Dividends.Grpc;

/// <summary>Rows and reports as the proto's messages: decimals as strings, dates as "YYYY-MM-DD".</summary>
public static class DividendMapping
{
    public static Dividend ToProto(DividendRow r) => new()
    {
        Id = r.Id.ToString(),
        Symbol = r.Symbol,
        ExDate = DateText.Format(r.ExDate),
        PayDate = DateText.Format(r.PayDate),
        RecordDate = DateText.Format(r.RecordDate),
        DeclarationDate = DateText.Format(r.DeclarationDate),
        Amount = DecimalText.Format(r.Amount),
        Currency = r.Currency,
        SharesHeldAtExDate = DecimalText.Format(r.SharesHeldAtExDate),
        TotalAmount = DecimalText.Format(r.TotalAmount),
        TaxWithheld = DecimalText.Format(r.TaxWithheld),
        NetAmount = DecimalText.Format(r.TotalAmount - r.TaxWithheld),
        Status = r.Status,
        DividendType = r.DividendType,
        Source = r.Source,
        TransactionId = r.TransactionId?.ToString() ?? "",
        Notes = r.Notes ?? "",
        PortfolioId = r.PortfolioId?.ToString() ?? "",
        CreatedAt = DateText.Format(r.CreatedAt),
        UpdatedAt = DateText.Format(r.UpdatedAt),
    };

    public static Dividend ToProto(NewPendingDividend d) => new()
    {
        Id = d.Id.ToString(),
        Symbol = d.Symbol,
        ExDate = DateText.Format(d.ExDate),
        PayDate = DateText.Format(d.PayDate),
        Amount = DecimalText.Format(d.Amount),
        Currency = d.Currency,
        SharesHeldAtExDate = DecimalText.Format(d.Shares),
        TotalAmount = DecimalText.Format(d.Total),
        TaxWithheld = "0",
        NetAmount = DecimalText.Format(d.Total),
        Status = "pending",
        DividendType = d.DividendType,
        Source = d.Source,
        PortfolioId = d.PortfolioId.ToString(),
    };

    public static IncomePeriod ToProto(string period, IncomeFigures f) => new()
    {
        Period = period, Gross = Money(f.Gross), Tax = Money(f.Tax), Net = Money(f.Net), Payments = f.Payments,
    };

    public static SymbolIncome ToProto(SymbolIncomeFigures s) => new()
    {
        Symbol = s.Symbol,
        Currency = s.Currency,
        Gross = Money(s.Base.Gross),
        Tax = Money(s.Base.Tax),
        Net = Money(s.Base.Net),
        GrossInCurrency = DecimalText.Format(s.GrossInCurrency),
        Payments = s.Base.Payments,
        YieldOnCost = DecimalText.Format(s.YieldOnCost),
        CurrentYield = DecimalText.Format(s.CurrentYield),
    };

    public static CurrencyIncome ToProto(CurrencyIncomeFigures c) => new()
    {
        Currency = c.Currency,
        Gross = Money(c.Base.Gross),
        Tax = Money(c.Base.Tax),
        Net = Money(c.Base.Net),
        GrossInCurrency = DecimalText.Format(c.InCurrency.Gross),
        TaxInCurrency = DecimalText.Format(c.InCurrency.Tax),
        NetInCurrency = DecimalText.Format(c.InCurrency.Net),
        Payments = c.Base.Payments,
    };

    public static UpcomingPayment ToProto(ExpectedPayment p, decimal? inBase) => new()
    {
        Symbol = p.Symbol,
        ExDate = DateText.Format(p.ExDate),
        PayDate = DateText.Format(p.PayDate),
        Amount = DecimalText.Format(p.Amount),
        Currency = p.Currency,
        Shares = DecimalText.Format(p.Shares),
        ExpectedAmount = DecimalText.Format(p.ExpectedAmount),
        ExpectedAmountInBase = DecimalText.Format(inBase),
        Kind = p.Kind,
    };

    /// <summary>Base-currency sums are sums of cent-rounded parts: shown with two places.</summary>
    public static string Money(decimal value) => DecimalText.Format(decimal.Round(value, 2) + 0.00m);
}
