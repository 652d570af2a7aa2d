using Grpc.Core;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Alerts;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.Portfolio.Grpc;

public sealed class ProfileGrpcService(RlsDatabase database, ProfileRepository profiles, MetricsCache metrics) : ProfileService.ProfileServiceBase
{
    public override async Task<Profile> GetProfile(GetProfileRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var profile = await database.RunAsync(caller.Claims,
            session => profiles.GetAsync(session, caller.UserId, context.CancellationToken),
            context.CancellationToken);
        return ToProto(profile ?? UserProfile.Default);
    }

    public override async Task<Profile> UpdateProfile(UpdateProfileRequest request, ServerCallContext context)
    {
        var caller = Caller.User(context);
        var validation = UserProfile.Validate(new ProfileInput(request.FirstName, request.LastName, request.Country, request.BaseCurrency));
        if (!validation.IsValid)
        {
            throw RpcErrors.InvalidArgument(validation.Errors);
        }
        var stored = await database.RunAsync(caller.Claims,
            session => profiles.UpsertAsync(session, caller.UserId, validation.Value!, context.CancellationToken),
            context.CancellationToken);
        // Figures cached in the old base currency must not outlive the change.
        await metrics.InvalidateUserAsync(caller.UserId, "profile changed", context.CancellationToken);
        return ToProto(stored);
    }

    private static Profile ToProto(UserProfile profile) => new()
    {
        FirstName = profile.FirstName,
        LastName = profile.LastName,
        Country = profile.Country,
        BaseCurrency = profile.BaseCurrency,
    };
}
