// Every harness here speaks HTTP and gRPC to a service over a real PostgreSQL.
global using System.Net;
global using Grpc.Net.Client;
global using Npgsql;
global using Microsoft.Extensions.DependencyInjection;
