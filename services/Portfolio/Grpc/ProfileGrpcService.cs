using Grpc.Core;
using PortfolioTracker.Portfolio.Application.Profile;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Profile;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.Portfolio.Grpc;

public sealed class ProfileGrpcService(RlsDatabase database, ProfileRepository profiles, ProfileWriter writer) : ProfileService.ProfileServiceBase
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
        RpcErrors.ThrowIfAny(validation.Errors);
        var saved = await writer.SaveAsync(caller.Claims, caller.UserId, validation.Value!, context.CancellationToken);
        RpcErrors.ThrowIfAny(saved.Errors);
        return ToProto(saved.Value!);
    }

    private static Profile ToProto(UserProfile profile) => new()
    {
        FirstName = profile.FirstName,
        LastName = profile.LastName,
        Country = profile.Country,
        BaseCurrency = profile.BaseCurrency,
    };
}
