using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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
        // A connection from the service's own pool, before any role switch: pg_stat_ssl shows a
        // session's TLS state only to its own login role.
        var dataSource = harness.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("select ssl, session_user::text from pg_stat_ssl where pid = pg_backend_pid()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        Assert.True(reader.GetBoolean(0));
        Assert.Equal("authenticator", reader.GetString(1));
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
