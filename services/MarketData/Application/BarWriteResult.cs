using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.MarketData.Application;

/// <summary>What storing a batch did: refused whole for <see cref="Violations"/>, or <see cref="Upserted"/> bars new or changed.</summary>
public sealed record BarWriteResult(IReadOnlyList<FieldViolation> Violations, int Upserted)
{
    public bool Refused => Violations.Count > 0;
}
