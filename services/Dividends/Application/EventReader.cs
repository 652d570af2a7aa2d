using System.Globalization;
using PortfolioTracker.Dividends.Domain;
using PortfolioTracker.Protos.MarketData.V1;

namespace PortfolioTracker.Dividends.Application;

/// <summary>Dividend events from MarketData: many symbols in one call.</summary>
public sealed class EventReader(DividendEventService.DividendEventServiceClient events)
{
    /// <summary>Most symbols one batch call asks for (MarketData's own limit).</summary>
    public const int BatchLimit = 500;

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DividendEventInfo>>> ReadAsync(IEnumerable<string> symbols, CancellationToken ct)
    {
        var result = new Dictionary<string, IReadOnlyList<DividendEventInfo>>(StringComparer.Ordinal);
        foreach (var chunk in symbols.Distinct(StringComparer.Ordinal).Chunk(BatchLimit))
        {
            var request = new GetDividendEventsBatchRequest();
            request.Symbols.AddRange(chunk);
            var response = await RemoteCalls.RunAsync(o => events.GetDividendEventsBatchAsync(request, o), ct);
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
    public async Task<(bool Changed, string AsOf)> ChangedSinceAsync(string? since, CancellationToken ct)
    {
        var response = await RemoteCalls.RunAsync(
            o => events.ListChangedDividendSymbolsAsync(new ListChangedDividendSymbolsRequest { Since = since ?? "" }, o), ct);
        return (response.Symbols.Count > 0, response.AsOf);
    }

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
