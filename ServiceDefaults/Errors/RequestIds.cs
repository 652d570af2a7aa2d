namespace PortfolioTracker.ServiceDefaults.Errors;

/// <summary>Resource ids in requests are UUIDs; anything else is a 400 naming the field.</summary>
public static class RequestIds
{
    public static Guid Parse(string text, string field = "id")
    {
        if (!Guid.TryParse(text, out var id))
        {
            RpcErrors.InvalidArgument(field, "must be a UUID.");
        }
        return id;
    }
}
