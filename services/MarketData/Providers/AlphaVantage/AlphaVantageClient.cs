using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Timeout;
using PortfolioTracker.MarketData.Providers.Resilience;

namespace PortfolioTracker.MarketData.Providers.AlphaVantage;

/// <summary>
/// Alpha Vantage over HTTP. A call is served from the cache when it can; otherwise each
/// attempt is admitted by the <see cref="ProviderCallGate"/> (circuit, quota, usage count),
/// retried on transient faults, and its answer checked for the errors Alpha Vantage sends with
/// HTTP 200. Parsed answers are cached raw.
/// </summary>
public sealed class AlphaVantageClient(
    HttpClient http,
    IOptions<AlphaVantageOptions> options,
    [FromKeyedServices(AlphaVantageClient.ServiceName)] ProviderCallGate gate,
    IProviderStateStore store,
    ResiliencePipelineProvider<string> pipelines,
    TimeProvider time,
    ILogger<AlphaVantageClient> logger) : IMarketDataProvider
{
    /// <summary>The name in <c>api_usage.service</c> and <c>circuit_breaker_state.service_name</c>.</summary>
    public const string ServiceName = "alpha_vantage";

    private readonly AlphaVantageOptions _options = options.Value;
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(AlphaVantageResilience.PipelineName);

    public Task<IReadOnlyList<DailyBar>> GetDailyPricesAsync(string symbol, OutputSize outputSize, bool adjusted, CancellationToken cancellationToken) =>
        FetchAsync(
            AlphaVantageRequest.For(adjusted ? AlphaVantageFunctions.TimeSeriesDailyAdjusted : AlphaVantageFunctions.TimeSeriesDaily,
                ("symbol", symbol), ("outputsize", OutputSizeText(outputSize))),
            root => AlphaVantagePriceParser.DailyBars(root, adjusted),
            cancellationToken);

    public Task<IReadOnlyList<FxDailyRate>> GetFxDailyAsync(string fromCurrency, string toCurrency, OutputSize outputSize, CancellationToken cancellationToken) =>
        FetchAsync(
            AlphaVantageRequest.For(AlphaVantageFunctions.FxDaily,
                ("from_symbol", fromCurrency), ("to_symbol", toCurrency), ("outputsize", OutputSizeText(outputSize))),
            AlphaVantagePriceParser.FxDailyRates,
            cancellationToken);

    public Task<CompanyOverview> GetOverviewAsync(string symbol, CancellationToken cancellationToken) =>
        FetchAsync(AlphaVantageRequest.For(AlphaVantageFunctions.Overview, ("symbol", symbol)),
            AlphaVantageCompanyParser.Overview, cancellationToken);

    public Task<IncomeStatement> GetIncomeStatementAsync(string symbol, CancellationToken cancellationToken) =>
        FetchAsync(AlphaVantageRequest.For(AlphaVantageFunctions.IncomeStatement, ("symbol", symbol)),
            AlphaVantageCompanyParser.IncomeStatement, cancellationToken);

    public Task<IReadOnlyList<DividendEvent>> GetDividendsAsync(string symbol, CancellationToken cancellationToken) =>
        FetchAsync(AlphaVantageRequest.For(AlphaVantageFunctions.Dividends, ("symbol", symbol)),
            AlphaVantageCompanyParser.Dividends, cancellationToken);

    public Task<IReadOnlyList<SplitEvent>> GetSplitsAsync(string symbol, CancellationToken cancellationToken) =>
        FetchAsync(AlphaVantageRequest.For(AlphaVantageFunctions.Splits, ("symbol", symbol)),
            AlphaVantageCompanyParser.Splits, cancellationToken);

    public Task<Quote> GetQuoteAsync(string symbol, CancellationToken cancellationToken) =>
        FetchAsync(AlphaVantageRequest.For(AlphaVantageFunctions.GlobalQuote, ("symbol", symbol)),
            AlphaVantagePriceParser.Quote, cancellationToken);

    private static string OutputSizeText(OutputSize outputSize) => outputSize == OutputSize.Full ? "full" : "compact";

    private async Task<T> FetchAsync<T>(AlphaVantageRequest request, Func<JsonElement, T> parse, CancellationToken cancellationToken)
    {
        var ttl = _options.CacheTtl.GetValueOrDefault(request.Function);
        if (ttl > TimeSpan.Zero && await ReadCacheAsync(request, parse, cancellationToken) is (true, var cached))
        {
            return cached;
        }
        if (string.IsNullOrWhiteSpace(_options.ApiKey))
        {
            throw new MarketDataProviderException(MarketDataProviderErrorKind.Unavailable,
                $"No Alpha Vantage API key is configured ({AlphaVantageOptions.SectionName}:ApiKey).");
        }

        using var document = await CallWithRetriesAsync(request, cancellationToken);
        T result;
        try
        {
            result = parse(document.RootElement);
        }
        catch (MarketDataProviderException exception)
        {
            Logged(request, exception);
            throw;
        }
        if (ttl > TimeSpan.Zero)
        {
            await WriteCacheAsync(request, document.RootElement.GetRawText(), ttl);
        }
        return result;
    }

    private async Task<JsonDocument> CallWithRetriesAsync(AlphaVantageRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static (state, attemptToken) => state.Client.AttemptAsync(state.Request, attemptToken, state.CallerToken),
                (Client: this, Request: request, CallerToken: cancellationToken),
                cancellationToken);
        }
        catch (TimeoutRejectedException exception)
        {
            throw Logged(request, new MarketDataProviderException(MarketDataProviderErrorKind.Unavailable,
                $"Alpha Vantage {request.Function} did not answer within {_options.AttemptTimeout}.", isRetryable: true, exception));
        }
        catch (MarketDataProviderException exception)
        {
            Logged(request, exception);
            throw;
        }
    }

    private MarketDataProviderException Logged(AlphaVantageRequest request, MarketDataProviderException exception)
    {
        ProviderLog.CallFailed(logger, ServiceName, request.Function, request.Subject, exception.Kind, exception.Message);
        return exception;
    }

    /// <summary>One attempt: admitted by the gate, sent, classified, and reported back to the gate.</summary>
    private async ValueTask<JsonDocument> AttemptAsync(AlphaVantageRequest request, CancellationToken attemptToken, CancellationToken callerToken)
    {
        var callsToday = await gate.AdmitAsync(attemptToken);
        ProviderLog.CallingOut(logger, ServiceName, request.Function, request.Subject, callsToday);
        try
        {
            var document = await SendAsync(request, attemptToken);
            await gate.ReportSuccessAsync();
            return document;
        }
        catch (MarketDataProviderException exception)
        {
            await gate.ReportFailureAsync(exception);
            throw;
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            // Only the attempt's timeout cancels without the caller asking; Polly turns it into TimeoutRejectedException.
            ProviderLog.AttemptTimedOut(logger, ServiceName, request.Function, request.Subject, _options.AttemptTimeout);
            await gate.ReportTimeoutAsync();
            throw;
        }
        catch (OperationCanceledException)
        {
            gate.ReportAbandoned();
            throw;
        }
    }

    private async Task<JsonDocument> SendAsync(AlphaVantageRequest request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(request.ToRelativeUrl(_options.ApiKey), cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            // Messages of these name the host at most, never the query string with the key.
            throw new MarketDataProviderException(MarketDataProviderErrorKind.Unavailable,
                $"Alpha Vantage {request.Function} could not be reached: {exception.GetType().Name}.", isRetryable: true, exception);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var transient = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
                throw new MarketDataProviderException(MarketDataProviderErrorKind.Unavailable,
                    $"Alpha Vantage {request.Function} answered HTTP {status.ToString(CultureInfo.InvariantCulture)}.", isRetryable: transient);
            }

            JsonDocument document;
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            }
            catch (JsonException)
            {
                // Typically an HTML error page served with 200 by something in front of the API.
                throw new MarketDataProviderException(MarketDataProviderErrorKind.BadPayload,
                    $"Alpha Vantage {request.Function} answered with something that is not JSON.");
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                throw new MarketDataProviderException(MarketDataProviderErrorKind.Unavailable,
                    $"Alpha Vantage {request.Function} connection broke while reading: {exception.GetType().Name}.", isRetryable: true, exception);
            }

            if (AlphaVantageErrors.Detect(document.RootElement, request.Function, _options.ApiKey) is { } error)
            {
                document.Dispose();
                throw error;
            }
            return document;
        }
    }

    private async Task<(bool Found, T Value)> ReadCacheAsync<T>(AlphaVantageRequest request, Func<JsonElement, T> parse, CancellationToken cancellationToken)
    {
        try
        {
            if (await store.GetCachedAsync(request.CacheKey, time.GetUtcNow(), cancellationToken) is not { } json)
            {
                return (false, default!);
            }
            using var document = JsonDocument.Parse(json);
            var value = parse(document.RootElement);
            ProviderLog.ServedFromCache(logger, ServiceName, request.Function, request.Subject);
            return (true, value);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The cache only saves calls: a broken entry or store is a miss, not a failure.
            ProviderLog.StoreFailed(logger, ServiceName, "read the cache", exception);
            return (false, default!);
        }
    }

    private async Task WriteCacheAsync(AlphaVantageRequest request, string json, TimeSpan ttl)
    {
        try
        {
            var now = time.GetUtcNow();
            // Not the caller's token: the call has been paid for, keep its answer.
            await store.SetCachedAsync(request.CacheKey, json, now, now + ttl, CancellationToken.None);
        }
        catch (Exception exception)
        {
            ProviderLog.StoreFailed(logger, ServiceName, "write the cache", exception);
        }
    }
}
