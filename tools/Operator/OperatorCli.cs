using System.CommandLine;

namespace PortfolioTracker.Operator;

/// <summary>The operator's commands; each lives in its own file under Commands/.</summary>
public static class OperatorCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Operate a Portfolio Tracker suite: migrations, tokens, backups, exports, checks, maintenance, health.");
        return root;
    }
}
