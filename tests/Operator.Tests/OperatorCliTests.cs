using PortfolioTracker.Operator;

namespace PortfolioTracker.Operator.Tests;

public sealed class OperatorCliTests
{
    [Fact]
    public async Task Help_is_answered_with_exit_code_zero()
    {
        var exitCode = await OperatorCli.Build().Parse(["--help"]).InvokeAsync();

        Assert.Equal(0, exitCode);
    }
}
