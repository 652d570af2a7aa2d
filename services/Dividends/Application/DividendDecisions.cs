using PortfolioTracker.Dividends.Data;
using PortfolioTracker.Dividends.Domain;
using PortfolioTracker.Protos.Portfolio.V1;
using LedgerValues = PortfolioTracker.Protos.Portfolio.V1.DividendValues;

namespace PortfolioTracker.Dividends.Application;

/// <summary>
/// The user's decisions. Each is checked here (every bad field named, nothing written), then
/// written by the Portfolio service, which owns the ledger: the row and its one DIVIDEND
/// transaction change in one database transaction there. That call is closed to clients, so it
/// goes with this service's credential and names the verified caller as the user. The row is
/// read back as it now stands.
/// </summary>
public sealed class DividendDecisions(
    RlsDatabase database, DividendRepository dividends, DividendLedgerService.DividendLedgerServiceClient ledger, ServiceCredential credential,
    TimeProvider clock)
{
    public Task<DividendRow> ConfirmAsync(Caller caller, Guid id, CancellationToken ct) => DecideAsync(caller, id, DividendDecision.Confirm, null, ct);

    public Task<DividendRow> RejectAsync(Caller caller, Guid id, CancellationToken ct) => DecideAsync(caller, id, DividendDecision.Reject, null, ct);

    public async Task DeleteAsync(Caller caller, Guid id, CancellationToken ct) =>
        await ApplyAsync(caller, new ApplyDividendDecisionRequest { DividendId = id.ToString(), Decision = DividendDecision.Delete }, ct);

    /// <summary>Merges the fields given into the stored row, checks the result, and writes it (status edited).</summary>
    public async Task<DividendRow> EditAsync(Caller caller, Guid id, Domain.DividendInput input, CancellationToken ct)
    {
        var row = await database.RunAsync(caller.Claims, s => dividends.GetAsync(s, caller.UserId, id, ct), ct)
            ?? throw RpcErrors.NotFound("Dividend " + id);
        var errors = new List<FieldViolation>();
        var merged = DividendRules.Merge(ValuesOf(row), input, Today, errors);
        RpcErrors.ThrowIfAny(errors);
        return await DecideAsync(caller, id, DividendDecision.Edit, merged, ct);
    }

    /// <summary>A manual dividend: confirmed, and in the ledger at once.</summary>
    public async Task<DividendRow> AddAsync(Caller caller, Domain.DividendValues values, CancellationToken ct)
    {
        var errors = new List<FieldViolation>();
        RpcErrors.ThrowIfAny(DividendRules.Check(values, Today, errors) ? [] : errors);
        var response = await ApplyAsync(caller, new ApplyDividendDecisionRequest { Decision = DividendDecision.Add, Values = ToLedger(values) }, ct);
        return await ReadBackAsync(caller, Guid.Parse(response.DividendId), ct);
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private async Task<DividendRow> DecideAsync(Caller caller, Guid id, DividendDecision decision, Domain.DividendValues? values, CancellationToken ct)
    {
        var request = new ApplyDividendDecisionRequest { DividendId = id.ToString(), Decision = decision };
        if (values is not null)
        {
            request.Values = ToLedger(values);
        }
        await ApplyAsync(caller, request, ct);
        return await ReadBackAsync(caller, id, ct);
    }

    private Task<ApplyDividendDecisionResponse> ApplyAsync(Caller caller, ApplyDividendDecisionRequest request, CancellationToken ct)
    {
        request.UserId = caller.UserId.ToString();
        return RemoteCalls.RunAsync(o => ledger.ApplyDividendDecisionAsync(request, o), ct, credential.Headers());
    }

    private async Task<DividendRow> ReadBackAsync(Caller caller, Guid id, CancellationToken ct) =>
        await database.RunAsync(caller.Claims, s => dividends.GetAsync(s, caller.UserId, id, ct), ct)
            ?? throw RpcErrors.NotFound("Dividend " + id);

    private static Domain.DividendValues ValuesOf(DividendRow row) => new(
        row.PortfolioId, row.Symbol, row.ExDate, row.PayDate, row.RecordDate, row.DeclarationDate, row.Amount, row.Currency,
        row.SharesHeldAtExDate ?? 0m, row.TotalAmount ?? row.Amount * (row.SharesHeldAtExDate ?? 0m), row.TaxWithheld, row.Notes, row.DividendType);

    private static LedgerValues ToLedger(Domain.DividendValues v) => new()
    {
        PortfolioId = v.PortfolioId?.ToString() ?? "",
        Symbol = v.Symbol,
        ExDate = DateText.Format(v.ExDate),
        PayDate = DateText.Format(v.PayDate),
        RecordDate = DateText.Format(v.RecordDate),
        DeclarationDate = DateText.Format(v.DeclarationDate),
        Amount = DecimalText.Format(v.Amount),
        Currency = v.Currency,
        SharesHeldAtExDate = DecimalText.Format(v.Shares),
        TotalAmount = DecimalText.Format(v.TotalAmount),
        TaxWithheld = DecimalText.Format(v.TaxWithheld),
        Notes = v.Notes ?? "",
        DividendType = v.DividendType,
    };
}
