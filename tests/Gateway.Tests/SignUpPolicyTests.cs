using Npgsql;

namespace PortfolioTracker.Gateway.Tests;

/// <summary>What a new account's password and email must be, and that a refusal writes nothing.</summary>
public sealed class SignUpPolicyTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const string Password = "correct horse battery";

    // 🦊 is one code point but two UTF-16 units.
    private const string Fox = "\U0001F98A";

    public static TheoryData<string> WeakPasswords => new()
    {
        "password",
        "12345678",
        "PassWord",
        "QWERTYUIOP",
        "        ",
        "\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000",
        "long enough\0but has a NUL",
        "tab\tinside the password",
        string.Concat(Enumerable.Repeat(Fox, 7)),
        new string('x', 257),
    };

    [Theory]
    [MemberData(nameof(WeakPasswords))]
    public async Task AWeakPasswordIsA400NamingThePasswordAndCreatesNoAccount(string password)
    {
        var email = GatewayHarness.NewEmail();

        var (status, body) = await harness.PostAsync("/v1/auth/signup", new { email, password });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(RpcStatusJson.IsStatus(body, 3), body.ToJsonString());
        Assert.Equal(["password"], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(0, await CountUsersAsync(email));
    }

    [Fact]
    public async Task EachRefusalSaysWhatIsWrongWithThePassword()
    {
        var email = GatewayHarness.NewEmail();

        var common = await MessageForAsync(email, "password");
        var control = await MessageForAsync(email, "abc\0defghijk");
        var blank = await MessageForAsync(email, "          ");
        var asEmail = await MessageForAsync(email, email.ToUpperInvariant());

        Assert.Contains("common", common, StringComparison.Ordinal);
        Assert.Contains("control characters", control, StringComparison.Ordinal);
        Assert.Contains("spaces", blank, StringComparison.Ordinal);
        Assert.Contains("email", asEmail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APasswordEqualToTheEmailInAnyCaseIsRefused()
    {
        var email = GatewayHarness.NewEmail();

        var (status, body) = await harness.PostAsync("/v1/auth/signup", new { email, password = " " + email.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["password"], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(0, await CountUsersAsync(email));
    }

    [Fact]
    public async Task PasswordLengthCountsCodePointsNotUtf16Units()
    {
        // 256 foxes: 256 characters as a person counts them, 512 UTF-16 units.
        var longest = string.Concat(Enumerable.Repeat(Fox, 256));
        var email = GatewayHarness.NewEmail();

        var (signUpStatus, _) = await harness.PostAsync("/v1/auth/signup", new { email, password = longest });
        var (loginStatus, _) = await harness.PostAsync("/v1/auth/login", new { email, password = longest });

        Assert.Equal(HttpStatusCode.OK, signUpStatus);
        Assert.Equal(HttpStatusCode.OK, loginStatus);
    }

    [Fact]
    public async Task LoginStillChecksOnlyPresenceAndSize()
    {
        var (status, body) = await harness.PostAsync("/v1/auth/login", new { email = GatewayHarness.NewEmail(), password = "password" });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(RpcStatusJson.IsStatus(body, 16), body.ToJsonString());
    }

    public static TheoryData<string, string> LookAlikes => new()
    {
        // How each look-alike is written from the registered "name@domain".
        { "zero-width space", "{0}\u200b@{1}" },
        { "soft hyphen", "{0}\u00ad@{1}" },
        { "right-to-left mark", "\u200f{0}@{1}" },
        { "trailing dot in the domain", "{0}@{1}." },
        { "quoted local part", "\"{0}\"@{1}" },
    };

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public async Task ALookAlikeOfARegisteredEmailIsRefusedNamingTheEmail(string kind, string pattern)
    {
        var (name, domain) = await RegisterAsync();
        var lookAlike = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, name, domain);

        var (status, body) = await harness.PostAsync("/v1/auth/signup", new { email = lookAlike, password = Password });

        Assert.True(status == HttpStatusCode.BadRequest, $"{kind}: {(int)status} {body.ToJsonString()}");
        Assert.Equal(["email"], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(1, await CountUsersLikeAsync(name));
    }

    [Fact]
    public async Task AFullWidthSpellingIsTheSameAccount()
    {
        var (name, domain) = await RegisterAsync();
        var fullWidth = ToFullWidth($"{name}@{domain}".ToUpperInvariant());

        var (signUpStatus, signUp) = await harness.PostAsync("/v1/auth/signup", new { email = fullWidth, password = Password });
        var (loginStatus, login) = await harness.PostAsync("/v1/auth/login", new { email = fullWidth, password = Password });

        Assert.Equal(HttpStatusCode.Conflict, signUpStatus);
        Assert.True(RpcStatusJson.IsStatus(signUp, 6), signUp.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, loginStatus);
        Assert.Equal($"{name}@{domain}", login["user"]!["email"]!.GetValue<string>());
        Assert.Equal(1, await CountUsersLikeAsync(name));
    }

    private async Task<(string Name, string Domain)> RegisterAsync()
    {
        var name = $"user-{Guid.NewGuid():N}";
        const string domain = "example.test";
        var (status, body) = await harness.PostAsync("/v1/auth/signup", new { email = $"{name}@{domain}", password = Password });
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return (name, domain);
    }

    private async Task<string> MessageForAsync(string email, string password)
    {
        var (_, body) = await harness.PostAsync("/v1/auth/signup", new { email, password });
        return body["details"]![0]!["fieldViolations"]![0]!["description"]!.GetValue<string>();
    }

    private static string ToFullWidth(string text) =>
        string.Concat(text.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '\uFF01') : c));

    private async Task<long> CountUsersAsync(string email)
    {
        await using var command = harness.Superuser.CreateCommand("select count(*) from auth.users where lower(email) = lower($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // Every stored spelling that contains the name, however it was disguised.
    private async Task<long> CountUsersLikeAsync(string name)
    {
        await using var command = harness.Superuser.CreateCommand("select count(*) from auth.users where email like '%' || $1 || '%'");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
