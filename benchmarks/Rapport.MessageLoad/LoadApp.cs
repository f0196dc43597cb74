using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Rapport.MessageLoad;

/// <summary>
/// One instance of the real app on real Kestrel (a free loopback port) in Production, on a PostgreSQL database of the
/// load run's own, with its SignalR backplane on Redis when given: two of them are two instances of one deployment.
/// </summary>
public sealed class LoadApp : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly string? _redis;
    private readonly string _root;

    public LoadApp(string connectionString, string? redis, string root)
    {
        _connectionString = connectionString;
        _redis = redis;
        _root = root;
        Port = FreePort();
        UseKestrel(k => k.Listen(IPAddress.Loopback, Port));
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Rapport", _connectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        if (_redis is not null)
        {
            builder.UseSetting("Redis:Configuration", _redis);
        }
        builder.UseSetting("App:BaseUrl", BaseUrl);
        builder.UseSetting("DataProtection:AllowUnprotectedKeys", "true");
        builder.UseSetting("Smtp:UsePickupFolder", "true");
        builder.UseSetting("Smtp:PickupDirectory", Path.Combine(_root, "mail"));
        builder.UseSetting("Audit:AllowGeneratedKey", "true");
        builder.UseSetting("Audit:GeneratedKeyFile", Path.Combine(_root, "audit-signing-key.pem"));
        builder.UseSetting("Audit:CheckpointDirectory", Path.Combine(_root, "audit-checkpoints"));
        // Two hundred people sign in from one address in a minute: the per-address limit on account posts is for the internet.
        builder.UseSetting("RateLimits:AccountPostsPerMinute", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
