namespace ApprovalTools.Emulator;

/// <summary>How to start an <see cref="EmulatorServer"/>.</summary>
public sealed class EmulatorOptions
{
    public const string DefaultAccessKeyId = "AKIDAPPROVALTOOLS";
    public const string DefaultSecretAccessKey = "approvaltools-local-secret";

    /// <summary>Loopback port to listen on; 0 picks a free one (read it back from
    /// <see cref="EmulatorServer.Url"/>).</summary>
    public int Port { get; set; }

    /// <summary>Seed file in the SampleData/pipelines.json format; null uses the embedded sample data.</summary>
    public string? SeedPath { get; set; }

    /// <summary>Access key id to secret access key. Keys with a session token are added through
    /// <see cref="EmulatorState.AddCredential"/>.</summary>
    public IDictionary<string, string> Credentials { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [DefaultAccessKeyId] = DefaultSecretAccessKey,
    };

    /// <summary>The settings of the undocumented behaviours at start and after every reset.</summary>
    public EmulatorSettings Settings { get; set; } = new();

    /// <summary>Where the command-line host prints one line per AWS call; null prints nothing.</summary>
    internal TextWriter? RequestLog { get; set; }
}
