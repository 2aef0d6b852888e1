using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace ApprovalTools.Loader;

/// <summary>
/// Loads ApprovalTools.dll and the assemblies shipped beside it (AWSSDK.Core, AWSSDK.SecurityToken, AWSSDK.SSO, ...)
/// into a load context of their own, so another copy of the AWS SDK in the session (AWS Tools for PowerShell ship
/// one, and every 4.x AWSSDK.Core has the same assembly version) neither blocks ours nor gets used in its place.
/// What the runtime itself provides at an equal or newer version (System.Text.Json, System.Memory, ...) and what
/// PowerShell provides (System.Management.Automation) still come from the default context, so the cmdlets are
/// PowerShell's own Cmdlet type and their output types are visible to users as [ApprovalTools.PendingApproval].
/// </summary>
public sealed class ModuleLoadContext : AssemblyLoadContext
{
    private const string ModuleAssembly = "ApprovalTools";

    // One context per module folder for the life of the process: Import-Module -Force must get the same assembly
    // back, or [ApprovalTools.PendingApproval] would name two types.
    private static readonly Dictionary<string, ModuleLoadContext> Contexts = new(StringComparer.Ordinal);
    private static readonly Lazy<Dictionary<string, string>> PlatformAssemblies = new(ReadPlatformAssemblies);

    private readonly string _directory;

    private ModuleLoadContext(string directory) => _directory = directory;

    /// <summary>ApprovalTools.dll from <paramref name="moduleDirectory"/>, loaded in that folder's context.</summary>
    public static Assembly LoadModule(string moduleDirectory)
    {
        var directory = Path.GetFullPath(moduleDirectory);
        ModuleLoadContext context;
        lock (Contexts)
        {
            if (!Contexts.TryGetValue(directory, out context!))
                Contexts[directory] = context = new ModuleLoadContext(directory);
        }
        return context.LoadFromAssemblyName(new AssemblyName(ModuleAssembly));
    }

    /// <summary>The context an assembly was loaded in, by name, for diagnostics and tests.</summary>
    public static string? ContextOf(Assembly assembly) => GetLoadContext(assembly) switch
    {
        null => null,
        ModuleLoadContext ours => $"ApprovalTools ({ours._directory})",
        var other when other == Default => "Default",
        var other => other.ToString(),
    };

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is not { Length: > 0 } name) return null;
        var path = Path.Combine(_directory, name + ".dll");
        if (!File.Exists(path)) return null; // System.Management.Automation, netstandard, the runtime: the default context
        if (PlatformAssemblies.Value.TryGetValue(name, out var platformPath) && IsAtLeast(platformPath, assemblyName.Version))
            return null;
        return LoadFromAssemblyPath(path);
    }

    private static bool IsAtLeast(string path, Version? wanted)
    {
        try { return AssemblyName.GetAssemblyName(path).Version >= (wanted ?? new Version(0, 0)); }
        catch (Exception) { return false; }
    }

    // The runtime's and PowerShell's own assemblies: what the default context loads without probing.
    private static Dictionary<string, string> ReadPlatformAssemblies()
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        foreach (var path in list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            result[Path.GetFileNameWithoutExtension(path)] = path;
        return result;
    }
}
