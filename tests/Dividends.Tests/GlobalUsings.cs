global using System.Net;
global using System.Text.Json.Nodes;
global using Grpc.Core;
global using PortfolioTracker.Protos.Dividends.V1;
global using PortfolioTracker.TestSupport;
