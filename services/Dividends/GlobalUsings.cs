// The shared vocabulary every layer of the service speaks: the caller, the RLS session,
// error statuses, request fields and wire formats.
global using Grpc.Core;
global using PortfolioTracker.ServiceDefaults.Auth;
global using PortfolioTracker.ServiceDefaults.Data;
global using PortfolioTracker.ServiceDefaults.Errors;
global using PortfolioTracker.ServiceDefaults.Validation;
global using PortfolioTracker.ServiceDefaults.Wire;
