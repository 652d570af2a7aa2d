namespace PortfolioTracker.Operations.Integrity;

/// <summary>
/// The login every service uses is harmless on its own: not a superuser, no BYPASSRLS, and the
/// owner of no table (an owner could switch RLS off or is exempt from it when not forced).
/// </summary>
public sealed class AuthenticatorRule : SqlRule
{
    public override string Name => "authenticator";

    protected override string Sql => """
        select 'role authenticator', 'is missing'
        where not exists (select from pg_catalog.pg_roles where rolname = 'authenticator')
        union all
        select 'role authenticator', 'is a superuser' from pg_catalog.pg_roles where rolname = 'authenticator' and rolsuper
        union all
        select 'role authenticator', 'bypasses row-level security' from pg_catalog.pg_roles where rolname = 'authenticator' and rolbypassrls
        union all
        select format('%I.%I', n.nspname, c.relname), 'is owned by authenticator'
        from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        join pg_catalog.pg_roles r on r.oid = c.relowner
        where r.rolname = 'authenticator' and c.relkind in ('r', 'p', 'v', 'm', 'f')
        order by 1, 2
        """;
}
