// The Portfolio files compiled in for the holdings replay (see Operations.csproj) rely on
// these, as they do in their own project.
global using PortfolioTracker.Portfolio.Domain;
global using PortfolioTracker.ServiceDefaults.Validation;
