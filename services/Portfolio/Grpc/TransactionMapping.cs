using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Wire;

namespace PortfolioTracker.Portfolio.Grpc;

internal static class TransactionMapping
{
    public static TransactionInput ToInput(this CreateTransactionRequest request) => new(
        request.PortfolioId,
        request.TransactionType,
        request.Symbol,
        request.Quantity,
        request.Price,
        request.Date,
        request.Currency,
        request.HasCommission ? request.Commission : null,
        request.HasNotes ? request.Notes : null,
        request.HasExchangeRate ? request.ExchangeRate : null);

    public static Transaction ToProto(this TransactionRow row) => new()
    {
        Id = row.Id.ToString(),
        PortfolioId = row.PortfolioId.ToString(),
        TransactionType = row.TransactionType,
        Symbol = row.Symbol,
        Quantity = DecimalText.Format(row.Quantity),
        Price = DecimalText.Format(row.Price),
        Date = DateText.Format(row.Date),
        Currency = row.Currency,
        Commission = DecimalText.Format(row.Commission),
        Notes = row.Notes ?? "",
        ExchangeRate = DecimalText.Format(row.ExchangeRate),
        CreatedAt = DateText.Format(row.CreatedAt),
        UpdatedAt = DateText.Format(row.UpdatedAt),
    };
}
