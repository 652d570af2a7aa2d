using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Protos.Portfolio.V1;

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

    /// <summary>The stored transaction with the fields the request sets replaced.</summary>
    public static TransactionInput MergeInto(this UpdateTransactionRequest request, TransactionRow stored) => new(
        request.HasPortfolioId ? request.PortfolioId : stored.PortfolioId.ToString(),
        request.HasTransactionType ? request.TransactionType : stored.TransactionType,
        request.HasSymbol ? request.Symbol : stored.Symbol,
        request.HasQuantity ? request.Quantity : DecimalText.Format(stored.Quantity),
        request.HasPrice ? request.Price : DecimalText.Format(stored.Price),
        request.HasDate ? request.Date : DateText.Format(stored.Date),
        request.HasCurrency ? request.Currency : stored.Currency,
        request.HasCommission ? request.Commission : DecimalText.Format(stored.Commission),
        request.HasNotes ? request.Notes : stored.Notes,
        request.HasExchangeRate ? request.ExchangeRate : DecimalText.Format(stored.ExchangeRate));

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

    /// <summary>An import's answer: how many rows were stored, and each as stored, in file order.</summary>
    public static ImportTransactionsResponse ToImportResponse(this IReadOnlyList<TransactionRow> stored)
    {
        var response = new ImportTransactionsResponse { Imported = stored.Count };
        response.Transactions.AddRange(stored.Select(r => r.ToProto()));
        return response;
    }
}
