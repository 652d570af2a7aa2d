using PortfolioTracker.MarketData.Application;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.ServiceDefaults.Validation;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.ServiceDefaults.Wire;

namespace PortfolioTracker.MarketData.Grpc;

internal static class PriceMapping
{
    public static GetValuationSeriesResponse ToProto(this ValuationSeriesReader.Series read)
    {
        var response = new GetValuationSeriesResponse();
        response.Stocks.AddRange(read.Stocks.Select(s => new SymbolFacts { Symbol = s.Symbol, Currency = s.Currency, Sector = s.Sector ?? "" }));
        response.Closes.AddRange(read.Closes.Select(c => CloseSeries(c.Symbol, c.Closes)));
        foreach (var (pair, rates) in read.Rates)
        {
            var series = new FxSeries { From = pair.From, To = pair.To };
            foreach (var (date, rate) in rates)
            {
                series.Dates.Add(DateText.Format(date));
                series.Rates.Add(DecimalText.Format(rate));
            }
            response.Rates.Add(series);
        }
        return response;
    }

    public static CloseSeries CloseSeries(string symbol, IEnumerable<CloseRow> closes)
    {
        var item = new CloseSeries { Symbol = symbol };
        foreach (var close in closes)
        {
            item.Dates.Add(DateText.Format(close.Date));
            item.Closes.Add(DecimalText.Format(close.Close));
            if (close.SplitCoefficient != 1m)
            {
                item.SplitDates.Add(DateText.Format(close.Date));
                item.SplitRatios.Add(DecimalText.Format(close.SplitCoefficient));
            }
        }
        return item;
    }

    public static PriceBar ToProto(this DailyBar bar) => new()
    {
        Date = DateText.Format(bar.Date),
        Open = DecimalText.Format(bar.Open),
        High = DecimalText.Format(bar.High),
        Low = DecimalText.Format(bar.Low),
        Close = DecimalText.Format(bar.Close),
        AdjustedClose = DecimalText.Format(bar.AdjustedClose),
        Volume = bar.Volume,
        DividendAmount = DecimalText.Format(bar.DividendAmount),
        SplitCoefficient = DecimalText.Format(bar.SplitCoefficient),
    };

    public static LatestPrice ToProto(this LatestClose close, bool stale) => new()
    {
        Symbol = close.Symbol,
        Date = DateText.Format(close.Date),
        Close = DecimalText.Format(close.Close),
        Currency = close.Currency,
        Stale = stale,
    };

    /// <summary>Parses bars; a missing adjusted close means the close, a missing dividend 0, a missing split 1.</summary>
    public static DailyBar ToDomain(this PriceBar bar, int index, List<FieldViolation> errors)
    {
        var field = $"bars[{index}]";
        var close = RequestFields.Decimal(bar.Close, null, $"{field}.close", errors);
        return new DailyBar(
            RequestFields.RequiredDate(bar.Date, $"{field}.date", errors) ?? default,
            RequestFields.Decimal(bar.Open, null, $"{field}.open", errors),
            RequestFields.Decimal(bar.High, null, $"{field}.high", errors),
            RequestFields.Decimal(bar.Low, null, $"{field}.low", errors),
            close,
            RequestFields.Decimal(bar.AdjustedClose, close, $"{field}.adjustedClose", errors),
            bar.Volume,
            RequestFields.Decimal(bar.DividendAmount, 0m, $"{field}.dividendAmount", errors),
            RequestFields.Decimal(bar.SplitCoefficient, 1m, $"{field}.splitCoefficient", errors));
    }
}
