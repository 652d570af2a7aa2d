// The namespaces of the domain under test, which nearly every test reads.
global using PortfolioTracker.Portfolio.Domain;
global using PortfolioTracker.Portfolio.Domain.Alerts;
global using PortfolioTracker.Portfolio.Domain.Metrics;
