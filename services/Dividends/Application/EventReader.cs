using System.Globalization;
using PortfolioTracker.Dividends.Domain;
using PortfolioTracker.Protos.MarketData.V1;

namespace PortfolioTracker.Dividends.Application;

/// <summary>Dividend events from MarketData: many symbols in one call.</summary>
public sealed class EventReader(DividendEventService.DividendEventServiceClient events)
{
    /// <summary>Most symbols one batch call asks for (MarketData's own limit).</summary>
    public const int BatchLimit = 500;

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DividendEventInfo>>> ReadAsync(
        IEnumerable<string> symbols, CancellationToken ct, Metadata? serviceHeaders = null)
    {
        var result = new Dictionary<string, IReadOnlyList<DividendEventInfo>>(StringComparer.Ordinal);
        foreach (var chunk in symbols.Distinct(StringComparer.Ordinal).Chunk(BatchLimit))
        {
            var request = new GetDividendEventsBatchRequest();
            request.Symbols.AddRange(chunk);
            var response = await RemoteCalls.RunAsync(o => events.GetDividendEventsBatchAsync(request, o), ct, serviceHeaders);
            foreach (var series in response.Series)
            {
                result[series.Symbol] = [.. series.Events.Select(e => new DividendEventInfo(
                    series.Symbol, Date(e.ExDate)!.Value, Date(e.PayDate), Date(e.RecordDate), Date(e.DeclarationDate),
                    DecimalText.TryParse(e.Amount, out var amount) ? amount : 0m, e.Currency,
                    string.IsNullOrEmpty(e.DividendType) ? "cash" : e.DividendType, e.Source))];
            }
        }
        return result;
    }

    /// <summary>MarketData's watermark of event changes after <paramref name="since"/>, and whether any changed.</summary>
    public async Task<(bool Changed, string AsOf)> ChangedSinceAsync(string? since, CancellationToken ct, Metadata? serviceHeaders = null)
    {
        var (symbols, asOf) = await ChangedSymbolsAsync(since, ct, serviceHeaders);
        return (symbols.Count > 0, asOf);
    }

    /// <summary>The symbols whose events changed after <paramref name="since"/>, and the watermark to pass next time.</summary>
    public async Task<(IReadOnlyList<string> Symbols, string AsOf)> ChangedSymbolsAsync(string? since, CancellationToken ct, Metadata? serviceHeaders = null)
    {
        var response = await RemoteCalls.RunAsync(
            o => events.ListChangedDividendSymbolsAsync(new ListChangedDividendSymbolsRequest { Since = since ?? "" }, o), ct, serviceHeaders);
        return ([.. response.Symbols], response.AsOf);
    }

    /// <summary>When each symbol's events last changed (the newest <c>updated_at</c>), for the background sync.</summary>
    public async Task<IReadOnlyDictionary<string, DateTime>> LastChangedAsync(IEnumerable<string> symbols, CancellationToken ct, Metadata? serviceHeaders)
    {
        var result = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var chunk in symbols.Distinct(StringComparer.Ordinal).Chunk(BatchLimit))
        {
            var request = new GetDividendEventsBatchRequest();
            request.Symbols.AddRange(chunk);
            var response = await RemoteCalls.RunAsync(o => events.GetDividendEventsBatchAsync(request, o), ct, serviceHeaders);
            foreach (var series in response.Series)
            {
                var changes = series.Events
                    .Select(e => DateTimeOffset.TryParse(e.UpdatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime : (DateTime?)null)
                    .OfType<DateTime>().ToList();
                if (changes.Count > 0)
                {
                    result[series.Symbol] = changes.Max();
                }
            }
        }
        return result;
    }

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
