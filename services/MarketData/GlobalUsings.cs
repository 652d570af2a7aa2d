// Nearly every file works with the pure market-data records or runs in an RLS session.
global using PortfolioTracker.MarketData.Domain;
global using PortfolioTracker.ServiceDefaults.Data;
