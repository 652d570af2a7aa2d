using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.ServiceDefaults.Errors;

/// <summary>A request whose only field is a resource id: parsed by the shared vocabulary, refused at once.</summary>
public static class RequestIds
{
    public static Guid Parse(string text, string field = "id")
    {
        var errors = new List<FieldViolation>();
        var id = RequestFields.Uuid(text, field, errors);
        RpcErrors.ThrowIfAny(errors);
        return id;
    }
}
