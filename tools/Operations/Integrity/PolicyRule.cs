namespace PortfolioTracker.Operations.Integrity;

/// <summary>
/// The policies each table is expected to have, read from the table itself rather than from a
/// list that a new table could be missing from:
/// <list type="bullet">
/// <item>every table has a policy giving <c>service_role</c> all commands;</item>
/// <item>every command granted to <c>authenticated</c> has a policy for it (without one the
/// grant is dead and the feature silently returns nothing, e.g. a dropped select policy);</item>
/// <item>on a table with a <c>user_id</c> column, every policy for <c>authenticated</c> compares
/// <c>auth.uid()</c> with <c>user_id</c> in each expression it has (a <c>using (true)</c> there
/// would show every user's rows).</item>
/// </list>
/// </summary>
public sealed class PolicyRule : SqlRule
{
    public override string Name => "policies";

    protected override string Sql => """
        with tables as (
          select c.oid, c.relname::text as table_name
          from pg_catalog.pg_class c
          join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'schema_migrations'
        ),
        commands(privilege, polcmd) as (
          values ('SELECT', 'r'::"char"), ('INSERT', 'a'), ('UPDATE', 'w'), ('DELETE', 'd')
        )
        select t.table_name, 'no policy gives service_role all commands'
        from tables t
        where not exists (select from pg_catalog.pg_policy p
                          where p.polrelid = t.oid and p.polcmd = '*'
                            and 'service_role'::regrole = any (p.polroles))
        union all
        select t.table_name, 'authenticated is granted ' || c.privilege || ' but no policy for authenticated allows it'
        from tables t cross join commands c
        where pg_catalog.has_table_privilege('authenticated', t.oid, c.privilege)
          and not exists (select from pg_catalog.pg_policy p
                          where p.polrelid = t.oid and p.polcmd in ('*', c.polcmd)
                            and 'authenticated'::regrole = any (p.polroles))
        union all
        select t.table_name, 'policy ' || p.polname || ' does not limit authenticated to rows where auth.uid() = user_id'
        from tables t
        join pg_catalog.pg_attribute a on a.attrelid = t.oid and a.attname = 'user_id' and not a.attisdropped
        join pg_catalog.pg_policy p on p.polrelid = t.oid and 'authenticated'::regrole = any (p.polroles)
        where exists (select from unnest(array[pg_catalog.pg_get_expr(p.polqual, p.polrelid),
                                               pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid)]) as e(expression)
                      where e.expression is not null
                        and not (e.expression ~ 'auth\.uid\(\)' and e.expression ~ '\muser_id\M'))
        order by 1, 2
        """;
}
