using PortfolioTracker.Operator;

return await OperatorCli.Build().Parse(args).InvokeAsync();
