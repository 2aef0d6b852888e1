using System.Net;
using ApprovalTools.Emulator.Aws;
using ApprovalTools.Emulator.Control;
using ApprovalTools.Emulator.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ApprovalTools.Emulator;

/// <summary>A running emulator on 127.0.0.1: the AWS awsJson1.1 endpoint at POST / and the control surface at
/// /_emulator.</summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, EmulatorState state, Uri url)
    {
        _app = app;
        State = state;
        Url = url;
    }

    /// <summary>http://127.0.0.1:&lt;port&gt;/</summary>
    public Uri Url { get; }

    /// <summary>The state both the AWS path and the control surface act on.</summary>
    public EmulatorState State { get; }

    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = new EmulatorState(options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Nothing of ASP.NET's may reach the console: harnesses parse our first stdout line.
        builder.Logging.ClearProviders();
        // Signals belong to whoever hosts us (Program.cs, or a test process with several servers).
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, options.Port);
        });

        var app = builder.Build();
        var aws = new AwsJsonEndpoint(state, options);
        app.MapPost("/", aws.HandleAsync);
        ControlEndpoints.Map(app, state);
        IdentityEndpoints.Map(app, state); // STS and the SSO portal, for assume-role and SSO profiles

        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        var address = addresses?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new EmulatorServer(app, state, new Uri($"http://127.0.0.1:{new Uri(address).Port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _app.StopAsync(timeout.Token); }
        catch (OperationCanceledException) { }
        await _app.DisposeAsync();
    }

    /// <summary>A host lifetime that neither listens for Ctrl+C nor prints anything.</summary>
    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
