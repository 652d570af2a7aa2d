// The error shape every gateway answer uses and the shared request vocabulary and RLS session.
global using Microsoft.Extensions.Options;
global using PortfolioTracker.Gateway.Errors;
global using PortfolioTracker.ServiceDefaults.Data;
global using PortfolioTracker.ServiceDefaults.Validation;
