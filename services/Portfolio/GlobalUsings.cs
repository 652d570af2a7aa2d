// Namespaces of plain vocabulary that nearly every file uses. The layer-revealing ones
// (ServiceDefaults.Data, ServiceDefaults.Errors, Grpc.Core, Npgsql) stay explicit in each file,
// so its imports still show which layer it belongs to and Domain cannot reach them unseen.
global using PortfolioTracker.Portfolio.Domain;
global using PortfolioTracker.ServiceDefaults.Validation;
global using PortfolioTracker.ServiceDefaults.Wire;
