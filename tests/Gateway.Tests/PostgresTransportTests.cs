using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Gateway.Tests;

/// <summary>
/// The gateway's connection to PostgreSQL, made from the connection string every service gets: as
/// <c>authenticator</c>, over TLS, with the server's certificate and name verified.
/// </summary>
public sealed class PostgresTransportTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Fact]
    public async Task AServiceConnectionToPostgresIsEncryptedAsAuthenticator()
    {
        var database = harness.Services.GetRequiredService<RlsDatabase>();

        var (ssl, user) = await database.RunAsync(DbClaims.AuthAdmin, async session =>
            (await session.ExecuteScalarAsync<bool>("select ssl from pg_stat_ssl where pid = pg_backend_pid()", CancellationToken.None),
             await session.ExecuteScalarAsync<string>("select session_user::text", CancellationToken.None)),
            CancellationToken.None);

        Assert.True(ssl);
        Assert.Equal("authenticator", user);
    }

    [Fact]
    public void TheConnectionVerifiesTheServersCertificateAndName()
    {
        var dataSource = harness.Services.GetRequiredService<NpgsqlDataSource>();

        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);

        Assert.Equal(SslMode.VerifyFull, settings.SslMode);
        Assert.Equal(harness.Postgres.RootCertificatePath, settings.RootCertificate);
    }

    [Fact]
    public async Task AClientTrustingAnotherCertificateIsRefused()
    {
        var otherRoot = Path.Combine(Path.GetTempPath(), $"pt-other-root-{Guid.NewGuid():N}.crt");
        var otherKey = Path.ChangeExtension(otherRoot, ".key");
        using (PortfolioTracker.Db.LocalPostgres.SelfSignedCertificate.EnsureCreated(otherRoot, otherKey, ["127.0.0.1"], out _))
        {
        }
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(harness.Postgres.AuthenticatorConnectionString)
            {
                RootCertificate = otherRoot,
                Pooling = false,
            };
            await using var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);

            await Assert.ThrowsAnyAsync<Exception>(async () => await dataSource.OpenConnectionAsync());
        }
        finally
        {
            File.Delete(otherRoot);
            File.Delete(otherKey);
        }
    }
}
