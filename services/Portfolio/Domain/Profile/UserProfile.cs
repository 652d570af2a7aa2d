namespace PortfolioTracker.Portfolio.Domain.Profile;

/// <summary>A user's profile: names, country and the base currency figures are reported in.</summary>
public sealed record UserProfile(string FirstName, string LastName, string Country, string BaseCurrency)
{
    public const string DefaultBaseCurrency = "USD";
    public const int MaxLength = 100;

    /// <summary>What a user who never saved a profile sees; reading does not create a row.</summary>
    public static UserProfile Default { get; } = new("", "", "", DefaultBaseCurrency);

    /// <summary>Every field is required: an update replaces the whole profile.</summary>
    public static ValidationResult<UserProfile> Validate(ProfileInput input)
    {
        var errors = new List<FieldViolation>();
        var firstName = RequestFields.RequiredText(input.FirstName, "firstName", MaxLength, errors);
        var lastName = RequestFields.RequiredText(input.LastName, "lastName", MaxLength, errors);
        var country = RequestFields.RequiredText(input.Country, "country", MaxLength, errors);
        var baseCurrency = RequestFields.Currency(input.BaseCurrency, "baseCurrency", errors);
        return errors.Count > 0
            ? ValidationResult<UserProfile>.Invalid(errors)
            : ValidationResult<UserProfile>.Valid(new UserProfile(firstName!, lastName!, country!, baseCurrency));
    }
}
