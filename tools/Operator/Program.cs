using PortfolioTracker.Operator;

return await OperatorCli.RunAsync(args);
