namespace PortfolioTracker.SampleData;

/// <summary>A real ticker with made-up but plausible prices: start price, yearly drift and volatility.</summary>
internal sealed record Ticker(
    string Symbol, string Name, string Exchange, string Currency, string Sector, string Industry, string Country,
    decimal StartPrice, double Drift, double Volatility, decimal QuarterlyDividendYield, (DateOnly Date, decimal Ratio)? Split = null);

internal static class Tickers
{
    public static readonly IReadOnlyList<Ticker> All =
    [
        new("AAPL", "Apple Inc.", "NASDAQ", "USD", "Technology", "Consumer Electronics", "USA", 120m, 0.15, 0.28, 0.0013m),
        new("MSFT", "Microsoft Corporation", "NASDAQ", "USD", "Technology", "Software", "USA", 210m, 0.17, 0.26, 0.0020m),
        new("NVDA", "NVIDIA Corporation", "NASDAQ", "USD", "Technology", "Semiconductors", "USA", 520m, 0.45, 0.50, 0.0001m,
            (new DateOnly(2024, 6, 10), 10m)),
        new("GOOGL", "Alphabet Inc.", "NASDAQ", "USD", "Communication Services", "Internet Content", "USA", 90m, 0.14, 0.30, 0m),
        new("AMZN", "Amazon.com, Inc.", "NASDAQ", "USD", "Consumer Discretionary", "Internet Retail", "USA", 160m, 0.08, 0.33, 0m),
        new("JPM", "JPMorgan Chase & Co.", "NYSE", "USD", "Financials", "Banks", "USA", 100m, 0.12, 0.25, 0.0065m),
        new("V", "Visa Inc.", "NYSE", "USD", "Financials", "Credit Services", "USA", 200m, 0.10, 0.22, 0.0018m),
        new("JNJ", "Johnson & Johnson", "NYSE", "USD", "Health Care", "Drug Manufacturers", "USA", 150m, 0.03, 0.17, 0.0070m),
        new("PG", "The Procter & Gamble Company", "NYSE", "USD", "Consumer Staples", "Household Products", "USA", 135m, 0.05, 0.17, 0.0060m),
        new("KO", "The Coca-Cola Company", "NYSE", "USD", "Consumer Staples", "Beverages", "USA", 50m, 0.05, 0.16, 0.0075m),
        new("WMT", "Walmart Inc.", "NYSE", "USD", "Consumer Staples", "Discount Stores", "USA", 45m, 0.12, 0.19, 0.0040m),
        new("XOM", "Exxon Mobil Corporation", "NYSE", "USD", "Energy", "Oil & Gas Integrated", "USA", 40m, 0.16, 0.30, 0.0085m),
        new("DIS", "The Walt Disney Company", "NYSE", "USD", "Communication Services", "Entertainment", "USA", 130m, -0.03, 0.30, 0.0020m),
        new("IBM", "International Business Machines", "NYSE", "USD", "Technology", "IT Services", "USA", 120m, 0.10, 0.22, 0.0120m),
        new("NESN.SW", "Nestlé S.A.", "SIX", "CHF", "Consumer Staples", "Packaged Foods", "Switzerland", 105m, -0.01, 0.15, 0m),
        new("NOVN.SW", "Novartis AG", "SIX", "CHF", "Health Care", "Drug Manufacturers", "Switzerland", 80m, 0.05, 0.18, 0m),
        new("SAP.DE", "SAP SE", "XETRA", "EUR", "Technology", "Software", "Germany", 110m, 0.18, 0.27, 0m),
        new("ASML.AS", "ASML Holding N.V.", "Euronext Amsterdam", "EUR", "Technology", "Semiconductor Equipment", "Netherlands", 300m, 0.15, 0.35, 0.0018m),
        new("SHEL.L", "Shell plc", "LSE", "GBP", "Energy", "Oil & Gas Integrated", "United Kingdom", 13m, 0.12, 0.28, 0.0090m),
        new("HSBA.L", "HSBC Holdings plc", "LSE", "GBP", "Financials", "Banks", "United Kingdom", 4m, 0.12, 0.27, 0.0120m),
    ];
}
