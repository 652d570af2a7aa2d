using PortfolioTracker.Portfolio.Application.Transactions;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application.Dividends;

/// <summary>
/// A dividend decision is one unit of work: the <c>user_dividends</c> row and its one linked
/// DIVIDEND transaction change together, with the position's holdings, in one database
/// transaction; then <see cref="UserDataChanged"/> retires the cached metrics, so summary and
/// performance see the dividend at once and never twice.
/// </summary>
/// <remarks>
/// The transaction books the gross: quantity = shares held at the ex-date, price = amount per
/// share (so quantity × price is the row's amount × shares), commission = the withholding tax
/// (so the cash received is the net), dated the pay date (the ex-date when none is known), in
/// the dividend's own currency. A DIVIDEND the user recorded for the same position on the pay
/// or ex date is linked instead of a second one being written.
/// </remarks>
public sealed class DividendDecisionWriter(
    RlsDatabase database, DividendLedgerRepository dividends, TransactionRepository transactions, PortfolioRepository portfolios,
    HoldingsWriter holdings, UserDataChanged userDataChanged, TimeProvider clock)
{
    public async Task<DecisionOutcome> ApplyAsync(
        DbClaims claims, Guid userId, Guid? dividendId, DividendDecision decision, DividendFields? values, CancellationToken ct)
    {
        try
        {
            var outcome = await database.RunAsync(claims, async session =>
            {
                var result = await ApplyInSessionAsync(session, userId, dividendId, decision, values, ct);
                // A refused decision rolls back whatever it wrote before the refusal.
                return result.Problem is null ? result : throw new RolledBack(result);
            }, ct);
            await userDataChanged.AfterWriteAsync(claims, userId, "dividend decision", ct);
            return outcome;
        }
        catch (RolledBack rolledBack)
        {
            return rolledBack.Outcome;
        }
    }

    private sealed class RolledBack(DecisionOutcome outcome) : Exception
    {
        public DecisionOutcome Outcome { get; } = outcome;
    }

    private async Task<DecisionOutcome> ApplyInSessionAsync(
        RlsSession session, Guid userId, Guid? dividendId, DividendDecision decision, DividendFields? values, CancellationToken ct)
    {
        if (decision == DividendDecision.Add)
        {
            return await AddAsync(session, userId, values!, ct);
        }
        var row = await dividends.LockDividendAsync(session, userId, dividendId!.Value, ct);
        if (row is null)
        {
            return DecisionOutcome.Missing;
        }
        switch (decision)
        {
            case DividendDecision.Confirm:
            {
                var fields = FieldsOf(row, row.PortfolioId ?? await portfolios.EnsureDefaultAsync(session, userId, ct));
                if (fields is null)
                {
                    return DecisionOutcome.Refused("sharesHeldAtExDate", "must be known and greater than 0 to confirm.");
                }
                return await IntoLedgerAsync(session, userId, row, fields, "confirmed", ct);
            }
            case DividendDecision.Edit:
                await dividends.UpdateValuesAsync(session, userId, row.Id, values!, ct);
                return await IntoLedgerAsync(session, userId, row, values!, "edited", ct);
            case DividendDecision.Reject:
                await RemoveTransactionAsync(session, userId, row, ct);
                await dividends.SetStatusAsync(session, userId, row.Id, "rejected", null, ct);
                return new DecisionOutcome(row.Id, null, "rejected");
            case DividendDecision.Delete:
                await RemoveTransactionAsync(session, userId, row, ct);
                await dividends.DeleteDividendAsync(session, userId, row.Id, ct);
                return new DecisionOutcome(row.Id, null, "deleted");
            default:
                throw new ArgumentOutOfRangeException(nameof(decision));
        }
    }

    private async Task<DecisionOutcome> AddAsync(RlsSession session, Guid userId, DividendFields values, CancellationToken ct)
    {
        if (values.PortfolioId == Guid.Empty)
        {
            values = values with { PortfolioId = await portfolios.EnsureDefaultAsync(session, userId, ct) };
        }
        else if (!await portfolios.ExistsAsync(session, userId, values.PortfolioId, ct))
        {
            return DecisionOutcome.NoPortfolio;
        }
        var id = await dividends.InsertManualAsync(session, userId, values, ct);
        if (id is null)
        {
            return DecisionOutcome.Duplicate;
        }
        var row = new LinkedDividendRow(id.Value, values.PortfolioId, values.Symbol, values.ExDate, values.PayDate, values.Amount,
            values.Currency, values.Shares, values.TaxWithheld, values.Notes, null, "confirmed");
        return await IntoLedgerAsync(session, userId, row, values, "confirmed", ct);
    }

    /// <summary>Writes (or links, or updates) the one DIVIDEND transaction and records the status.</summary>
    private async Task<DecisionOutcome> IntoLedgerAsync(
        RlsSession session, Guid userId, LinkedDividendRow row, DividendFields fields, string status, CancellationToken ct)
    {
        var date = fields.PayDate ?? fields.ExDate;
        if (date > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
        {
            return DecisionOutcome.Refused(fields.PayDate is null ? "exDate" : "payDate",
                "is in the future: a dividend enters the ledger once it is paid.");
        }
        var transaction = new NewTransaction(fields.PortfolioId, TransactionType.Dividend, fields.Symbol, fields.Shares, fields.Amount, date,
            fields.Currency, fields.TaxWithheld, fields.Notes, ExchangeRate: null);
        HoldingsWriter.Key[] keys = [new(fields.PortfolioId, fields.Symbol), new(row.PortfolioId ?? fields.PortfolioId, row.Symbol)];
        await holdings.LockAsync(session, keys, ct);

        Guid transactionId;
        if (row.TransactionId is { } linked && status == "edited")
        {
            await transactions.UpdateAsync(session, userId, linked, fields.PortfolioId, transaction, ct);
            transactionId = linked;
        }
        else if (row.TransactionId is { } kept)
        {
            transactionId = kept;
        }
        else
        {
            var matched = await dividends.FindMatchingTransactionAsync(session, userId, fields.PortfolioId, fields.Symbol, fields.ExDate, fields.PayDate, ct);
            transactionId = matched ?? (await transactions.InsertAsync(session, userId, fields.PortfolioId, transaction, ct)).Id;
            if (matched is { } recorded && status == "edited")
            {
                await transactions.UpdateAsync(session, userId, recorded, fields.PortfolioId, transaction, ct);
            }
        }
        if (await holdings.RefreshAsync(session, userId, keys, ct) is { } problem)
        {
            // Moving the dividend to another position left that ledger unable to stand.
            return DecisionOutcome.Refused("symbol", "does not fit the position's ledger: " + problem.Description);
        }
        await dividends.SetStatusAsync(session, userId, row.Id, status, transactionId, ct);
        return new DecisionOutcome(row.Id, transactionId, status);
    }

    private async Task RemoveTransactionAsync(RlsSession session, Guid userId, LinkedDividendRow row, CancellationToken ct)
    {
        if (row.TransactionId is not { } linked)
        {
            return;
        }
        var deleted = await transactions.DeleteAsync(session, userId, linked, ct);
        if (deleted is not null)
        {
            HoldingsWriter.Key[] keys = [new(deleted.PortfolioId, deleted.Symbol)];
            await holdings.LockAsync(session, keys, ct);
            await holdings.RefreshAsync(session, userId, keys, ct);
        }
    }

    private static DividendFields? FieldsOf(LinkedDividendRow row, Guid portfolioId) =>
        row.Shares is > 0 and { } shares
            ? new DividendFields(portfolioId, row.Symbol, row.ExDate, row.PayDate, null, null, row.Amount, row.Currency, shares,
                row.Amount * shares, row.TaxWithheld, row.Notes, "cash")
            : null;
}

/// <summary>What a decision did, or why it did nothing (then nothing was written).</summary>
public sealed record DecisionOutcome(Guid DividendId, Guid? TransactionId, string Status)
{
    public bool NotFound { get; private init; }

    public bool PortfolioMissing { get; private init; }

    public bool AlreadyExists { get; private init; }

    public (string Field, string Description)? Refusal { get; private init; }

    public object? Problem => NotFound || PortfolioMissing || AlreadyExists || Refusal is not null ? this : null;

    public static DecisionOutcome Missing { get; } = new(Guid.Empty, null, "") { NotFound = true };

    public static DecisionOutcome NoPortfolio { get; } = new(Guid.Empty, null, "") { PortfolioMissing = true };

    public static DecisionOutcome Duplicate { get; } = new(Guid.Empty, null, "") { AlreadyExists = true };

    public static DecisionOutcome Refused(string field, string description) => new(Guid.Empty, null, "") { Refusal = (field, description) };
}
