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
    ValuationSeriesReader valuationSeries,
    BarWriter writer,
    PriceStreamHub streams,
    StreamGate streamGate,
    TimeProvider clock) : PriceService.PriceServiceBase
{
    // Pairs a valuation asks for at once: one per currency of a portfolio, far fewer in practice.
    internal const int MaxPairsPerBatch = 100;

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
        response.Series.AddRange(series.Select(s => PriceMapping.CloseSeries(s.Key, s.Value)));
        return response;
    }

    public override async Task<GetValuationSeriesResponse> GetValuationSeries(GetValuationSeriesRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var symbols = request.Symbols.Select((w, i) => ParseSymbolWindow(w, $"symbols[{i}]", errors)).ToList();
        var pairs = request.Pairs.Select((w, i) => ParsePairWindow(w, $"pairs[{i}]", errors)).ToList();
        var stockFx = request.StockFx is null ? null : ParseStockFxWindow(request.StockFx, "stockFx", errors);
        if (symbols.Count > RequestFields.MaxSymbolsPerBatch)
        {
            errors.Add(new("symbols", $"must name at most {RequestFields.MaxSymbolsPerBatch} symbols."));
        }
        if (pairs.Count > MaxPairsPerBatch)
        {
            errors.Add(new("pairs", $"must name at most {MaxPairsPerBatch} currency pairs."));
        }
        if (symbols.Count == 0 && pairs.Count == 0)
        {
            errors.Add(new("symbols", "must name at least one symbol, or pairs one currency pair."));
        }
        RpcErrors.ThrowIfAny(errors);

        var read = await valuationSeries.ReadAsync(ServiceCaller.Any(context), symbols, pairs, stockFx, context.CancellationToken);
        return read.ToProto();
    }

    private ValuationSeriesReader.SymbolWindow ParseSymbolWindow(SymbolWindow window, string field, List<FieldViolation> errors)
    {
        var symbol = RequestFields.Symbol(window.Symbol, $"{field}.symbol", errors);
        var to = RequestFields.Date(window.To, Today, $"{field}.to", errors);
        if (string.IsNullOrWhiteSpace(window.From))
        {
            return new(symbol, null, to);
        }
        var from = RequestFields.RequiredDate(window.From, $"{field}.from", errors);
        if (from > to) errors.Add(new($"{field}.from", $"must not be after '{field}.to'."));
        return new(symbol, from, to);
    }

    private ValuationSeriesReader.PairWindow ParsePairWindow(PairWindow window, string field, List<FieldViolation> errors)
    {
        var fromCurrency = RequestFields.Currency(window.FromCurrency, $"{field}.fromCurrency", errors);
        var toCurrency = RequestFields.Currency(window.ToCurrency, $"{field}.toCurrency", errors);
        var (first, last) = RequiredRange(window.From, window.To, field, errors);
        return new(fromCurrency, toCurrency, first, last);
    }

    private ValuationSeriesReader.StockFxWindow ParseStockFxWindow(StockFxWindow window, string field, List<FieldViolation> errors)
    {
        var currency = RequestFields.Currency(window.Currency, $"{field}.currency", errors);
        var (first, last) = RequiredRange(window.From, window.To, field, errors);
        if (window.Held.Count > MaxPairsPerBatch)
        {
            errors.Add(new($"{field}.held", $"must name at most {MaxPairsPerBatch} currencies."));
        }
        var held = window.Held.Select((c, i) => RequestFields.Currency(c, $"{field}.held[{i}]", errors)).ToHashSet(StringComparer.Ordinal);
        return new(currency, first, last, held);
    }

    private (DateOnly From, DateOnly To) RequiredRange(string fromText, string toText, string field, List<FieldViolation> errors)
    {
        var to = RequestFields.Date(toText, Today, $"{field}.to", errors);
        var from = RequestFields.RequiredDate(fromText, $"{field}.from", errors) ?? to;
        if (from > to) errors.Add(new($"{field}.from", $"must not be after '{field}.to'."));
        return (from, to);
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
