using System.Globalization;
using PortfolioTracker.ServiceDefaults.Validation;
using Grpc.Core;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Errors;
using PortfolioTracker.ServiceDefaults.Wire;

namespace PortfolioTracker.MarketData.Grpc;

public sealed class ExchangeGrpcService(RlsDatabase database, ExchangeRepository exchanges, TimeProvider clock) : ExchangeService.ExchangeServiceBase
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public override async Task<ListExchangesResponse> ListExchanges(ListExchangesRequest request, ServerCallContext context)
    {
        var rows = await database.RunAsync(ServiceCaller.Any(context),
            session => exchanges.ListAsync(session, context.CancellationToken), context.CancellationToken);
        var response = new ListExchangesResponse();
        response.Exchanges.AddRange(rows.Select(ToProto));
        return response;
    }

    public override async Task<Exchange> GetExchange(GetExchangeRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var code = RequestFields.ExchangeCode(request.Code, "code", errors);
        RpcErrors.ThrowIfAny(errors);

        var row = await database.RunAsync(ServiceCaller.Any(context),
            session => exchanges.GetAsync(session, code, context.CancellationToken), context.CancellationToken);
        if (row is null)
        {
            throw RpcErrors.NotFound("Exchange " + code);
        }
        return ToProto(row);
    }

    public override async Task<ListMarketHolidaysResponse> ListMarketHolidays(ListMarketHolidaysRequest request, ServerCallContext context)
    {
        var errors = new List<FieldViolation>();
        var code = RequestFields.ExchangeCode(request.Code, "code", errors);
        var (from, to) = HolidayRange(request, errors);
        RpcErrors.ThrowIfAny(errors);

        var holidays = await database.RunAsync(ServiceCaller.Any(context), async session =>
            await exchanges.ExistsAsync(session, code, context.CancellationToken)
                ? await exchanges.GetHolidaysAsync(session, code, from, to, context.CancellationToken)
                : null,
            context.CancellationToken);
        if (holidays is null)
        {
            throw RpcErrors.NotFound("Exchange " + code);
        }

        var response = new ListMarketHolidaysResponse { Code = code, From = DateText.Format(from), To = DateText.Format(to) };
        response.Holidays.AddRange(holidays.Select(h => new MarketHoliday
        {
            Date = DateText.Format(h.Date),
            Name = h.Name,
            EarlyCloseTime = FormatTime(h.EarlyCloseTime),
        }));
        return response;
    }

    /// <summary>A whole year, or from/to where each defaults to the edge of the other's year.</summary>
    private (DateOnly From, DateOnly To) HolidayRange(ListMarketHolidaysRequest request, List<FieldViolation> errors)
    {
        if (request.Year != 0)
        {
            if (request.Year is < 1 or > 9999)
            {
                errors.Add(new("year", "must be a year between 1 and 9999."));
                return default;
            }
            if (request.From.Length > 0 || request.To.Length > 0)
            {
                errors.Add(new("year", "cannot be combined with 'from' or 'to'."));
            }
            return (new DateOnly(request.Year, 1, 1), new DateOnly(request.Year, 12, 31));
        }

        var to = string.IsNullOrWhiteSpace(request.To) ? (DateOnly?)null : RequestFields.RequiredDate(request.To, "to", errors);
        var from = RequestFields.Date(request.From, new DateOnly((to ?? Today).Year, 1, 1), "from", errors);
        var until = to ?? new DateOnly(from.Year, 12, 31);
        if (from > until) errors.Add(new("from", "must not be after 'to'."));
        return (from, until);
    }

    private static Exchange ToProto(ExchangeRow row) => new()
    {
        Code = row.Code,
        Timezone = row.Timezone ?? "",
        MarketOpenTime = FormatTime(row.OpenTime),
        MarketCloseTime = FormatTime(row.CloseTime),
        HasPreMarket = row.HasPreMarket,
        HasAfterHours = row.HasAfterHours,
        SymbolCount = row.SymbolCount,
    };

    private static string FormatTime(TimeOnly? time) =>
        time is { } t ? t.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "";
}
