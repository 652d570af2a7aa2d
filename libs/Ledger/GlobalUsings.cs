global using PortfolioTracker.Portfolio.Domain;
global using PortfolioTracker.ServiceDefaults.Validation;
