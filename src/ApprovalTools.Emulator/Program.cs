using System.Globalization;
using System.Runtime.InteropServices;
using ApprovalTools.Emulator;

// ApprovalTools.Emulator [--port N] [--seed PATH] [--setting name=value]... [--quiet]
// The first stdout line announces the URL; harnesses started with --port 0 parse it.
var options = new EmulatorOptions();
var quiet = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None,
            CultureInfo.InvariantCulture, out var port) && port <= 65535:
            options.Port = port;
            i++;
            break;
        case "--seed" when i + 1 < args.Length:
            options.SeedPath = Path.GetFullPath(args[++i]);
            break;
        case "--setting" when i + 1 < args.Length:
            try { options.Settings = options.Settings.With(args[++i]); }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                Console.Error.WriteLine($"Invalid --setting: {e.Message}");
                return 2;
            }
            break;
        case "--quiet":
            quiet = true;
            break;
        case "--help" or "-h":
            Console.WriteLine("Usage: ApprovalTools.Emulator [--port N] [--seed PATH] [--setting name=value]... " +
                "[--quiet]");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'. Usage: ApprovalTools.Emulator " +
                $"[--port N] [--seed PATH] [--setting name=value]... [--quiet]");
            return 2;
    }
}
EmulatorServer server;
try
{
    server = await EmulatorServer.StartAsync(options);
}
catch (Exception e)
{
    Console.Error.WriteLine($"ApprovalTools local CodePipeline could not start: {e.Message}");
    return 1;
}

Console.Out.WriteLine($"ApprovalTools local CodePipeline listening on {server.Url.GetLeftPart(UriPartial.Authority)}");
Console.Out.Flush();
if (!quiet) options.RequestLog = Console.Out;

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stop.TrySetResult();
});
await stop.Task;
await server.DisposeAsync();
return 0;
