using Grpc.Core;
using PortfolioTracker.MarketData.Application;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Messaging;
using PortfolioTracker.ServiceDefaults.Validation;
using PortfolioTracker.ServiceDefaults.Wire;

namespace PortfolioTracker.MarketData.Grpc;

public sealed class PriceGrpcService(
    RlsDatabase database,
    PriceRepository prices,
    StockRepository stocks,
    MarketCalendar calendar,
    LatestCloseReader latestCloses,
    BarWriter writer,
    PriceStreamHub streams,
    StreamGate streamGate,
    TimeProvider clock) : PriceService.PriceServiceBase
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public override async Task<PriceSeries> GetPrices(GetPricesRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var symbol = RequestFields.Symbol(request.Symbol, "symbol", errors);
        var (from, to) = RequestFields.DateRange(request.From, request.To, Today, "from", "to", errors);
        RpcErrors.ThrowIfAny(errors);

        var (bars, stock, newest) = await database.RunAsync(ServiceCaller.Any(context), async session =>
            (await prices.GetRangeAsync(session, symbol, from, to, context.CancellationToken),
             await stocks.GetAsync(session, symbol, context.CancellationToken),
             await prices.GetNewestDateAsync(session, symbol, context.CancellationToken)),
            context.CancellationToken);

        var series = new PriceSeries
        {
            Symbol = symbol,
            Currency = stock?.Currency ?? "",
            AsOf = DateText.Format(newest),
            Stale = await calendar.IsStaleAsync(newest, Today, context.CancellationToken),
        };
        series.Bars.AddRange(bars.Select(b => b.ToProto()));
        return series;
    }

    public override async Task<LatestPrice> GetLatestPrice(GetLatestPriceRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var symbol = RequestFields.Symbol(request.Symbol, "symbol", errors);
        var asOf = RequestFields.Date(request.AsOf, Today, "asOf", errors);
        RpcErrors.ThrowIfAny(errors);

        var close = await latestCloses.GetAsync(ServiceCaller.Any(context), symbol, asOf, context.CancellationToken)
            ?? throw RpcErrors.NotFound($"A price of {symbol} on or before {asOf:yyyy-MM-dd}");
        return close.ToProto(await calendar.IsStaleAsync(close.Date, asOf, context.CancellationToken));
    }

    public override async Task<GetPricesBatchResponse> GetPricesBatch(GetPricesBatchRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var symbols = RequestFields.Symbols(request.Symbols, "symbols", errors);
        var (from, to) = RequestFields.DateRange(request.From, request.To, Today, "from", "to", errors);
        RpcErrors.ThrowIfAny(errors);

        var series = await database.RunAsync(ServiceCaller.Any(context),
            session => prices.GetRangesAsync(session, symbols, from, to, context.CancellationToken), context.CancellationToken);

        var response = new GetPricesBatchResponse();
        foreach (var (symbol, bars) in series)
        {
            var item = new PriceSeries { Symbol = symbol, AsOf = DateText.Format(bars.Count > 0 ? bars[^1].Date : null) };
            item.Bars.AddRange(bars.Select(b => b.ToProto()));
            response.Series.Add(item);
        }
        return response;
    }

    public override async Task<GetLatestPricesBatchResponse> GetLatestPricesBatch(GetLatestPricesBatchRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var symbols = RequestFields.Symbols(request.Symbols, "symbols", errors);
        var asOf = RequestFields.Date(request.AsOf, Today, "asOf", errors);
        RpcErrors.ThrowIfAny(errors);

        var closes = await database.RunAsync(ServiceCaller.Any(context),
            session => prices.GetLatestAsync(session, symbols, asOf, context.CancellationToken), context.CancellationToken);
        var holidays = await calendar.HolidaysAsync(context.CancellationToken);

        var response = new GetLatestPricesBatchResponse();
        response.Prices.AddRange(closes.Select(c => c.ToProto(TradingCalendar.IsStale(c.Date, asOf, holidays))));
        return response;
    }

    public override async Task<GetClosesBatchResponse> GetClosesBatch(GetClosesBatchRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var symbols = RequestFields.Symbols(request.Symbols, "symbols", errors);
        var (from, to) = RequestFields.DateRange(request.From, request.To, Today, "from", "to", errors);
        RpcErrors.ThrowIfAny(errors);

        var series = await database.RunAsync(ServiceCaller.Any(context),
            session => prices.GetClosesAsync(session, symbols, from, to, context.CancellationToken), context.CancellationToken);

        var response = new GetClosesBatchResponse();
        foreach (var (symbol, closes) in series)
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
            response.Series.Add(item);
        }
        return response;
    }

    public override async Task<ImportPricesResponse> ImportPrices(ImportPricesRequest request, ServerCallContext context)
    {
        var claims = ServiceCaller.RequireServiceRole(context);
        var errors = new List<FieldViolation>();
        var symbol = RequestFields.Symbol(request.Symbol, "symbol", errors);
        var currency = RequestFields.Currency(request.Currency, "currency", errors);
        var bars = request.Bars.Select((bar, index) => bar.ToDomain(index, errors)).ToList();
        RpcErrors.ThrowIfAny(errors);

        var written = await writer.WriteAsync(claims, new BarBatch(symbol, currency, bars), context.CancellationToken);
        RpcErrors.ThrowIfAny(written.Violations);
        return new ImportPricesResponse { Upserted = written.Upserted };
    }

    public override async Task StreamPrices(StreamPricesRequest request, IServerStreamWriter<PriceUpdate> responseStream, ServerCallContext context)
    {
        ServiceCaller.Any(context);
        var errors = new List<FieldViolation>();
        var symbols = RequestFields.Symbols(request.Symbols, "symbols", errors);
        RpcErrors.ThrowIfAny(errors);

        await streamGate.RunAsync(context, () => streams.Watch(symbols.ToHashSet()), close => new PriceUpdate
        {
            Symbol = close.Symbol,
            Date = DateText.Format(close.Date),
            Close = DecimalText.Format(close.Close),
            Currency = close.Currency,
        }, responseStream);
    }
}
