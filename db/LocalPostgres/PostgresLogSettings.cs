namespace PortfolioTracker.Db.LocalPostgres;

/// <summary>
/// Server settings that keep row values out of PostgreSQL's log: no DETAIL lines (a duplicate
/// key's DETAIL names the key's value, an email for instance) and no statement text with an
/// error. Used for local servers, test servers and the container alike.
/// </summary>
public static class PostgresLogSettings
{
    public static readonly string[] Private =
    [
        "-c", "log_error_verbosity=terse",
        "-c", "log_min_error_statement=panic",
        "-c", "log_parameter_max_length_on_error=0",
    ];
}
