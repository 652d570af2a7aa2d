namespace PortfolioTracker.Operations.Integrity;

/// <summary>
/// Every table of <c>public</c> has row-level security enabled and forced, at least one policy,
/// no policy for PUBLIC, nothing granted to anon, and an index leading with <c>user_id</c> where
/// it has that column: the database's own <c>public.rls_violations()</c> (migration 016), the
/// one definition the database tests use too.
/// </summary>
public sealed class RowLevelSecurityRule : SqlRule
{
    public override string Name => "row-level-security";

    protected override string Sql => "select table_name, problem from public.rls_violations()";
}
