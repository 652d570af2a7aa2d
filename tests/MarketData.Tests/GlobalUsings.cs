// Nearly every test reaches the provider records, the test doubles in Support/ or the shared servers.
global using PortfolioTracker.MarketData.Domain;
global using PortfolioTracker.MarketData.Providers;
global using PortfolioTracker.MarketData.Tests.Support;
global using PortfolioTracker.ServiceDefaults.Data;
global using PortfolioTracker.TestSupport;
