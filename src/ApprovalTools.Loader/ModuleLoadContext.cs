using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace ApprovalTools.Loader;

/// <summary>
/// Loads ApprovalTools.Engine.dll and the assemblies shipped beside it (AWSSDK.Core, AWSSDK.SecurityToken, AWSSDK.SSO,
/// ...) into a load context of their own, so another copy of the AWS SDK in the session (AWS Tools for PowerShell ship
/// one, and every 4.x AWSSDK.Core has the same assembly version) neither blocks ours nor gets used in its place.
/// ApprovalTools.dll itself (the cmdlets and their output types), PowerShell, and what the runtime provides at an equal
/// or newer version (System.Text.Json, System.Memory, ...) come from the default context, so both sides see one
/// [ApprovalTools.PendingApproval] and one PSCmdlet.
/// </summary>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    private static readonly Lazy<Dictionary<string, string>> PlatformAssemblies = new(ReadPlatformAssemblies);

    private readonly string _directory;
    private readonly Assembly _module;
    private readonly string? _readyToRun;

    private ModuleLoadContext(string directory, Assembly module)
    {
        (_directory, _module) = (directory, module);
        _readyToRun = ReadyToRunFolder(directory);
    }

    /// <summary>
    /// The assembly <paramref name="name"/> from the folder of <paramref name="module"/> (ApprovalTools.dll), in a new
    /// context of its own that shares <paramref name="module"/> with the default context.
    /// </summary>
    internal static Assembly Load(string name, Assembly module)
    {
        // A host that lists the engine among its own assemblies (the xunit tests) gets it the ordinary way.
        if (PlatformAssemblies.Value.ContainsKey(name)) return Assembly.Load(new AssemblyName(name));
        var context = new ModuleLoadContext(Path.GetDirectoryName(module.Location)!, module);
        return context.LoadFromAssemblyName(new AssemblyName(name));
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is not { Length: > 0 } name) return null;
        // The one ApprovalTools.dll PowerShell imported, not a second copy: its types are the cmdlets' types.
        if (string.Equals(name, _module.GetName().Name, StringComparison.OrdinalIgnoreCase)) return _module;
        var path = Path.Combine(_directory, name + ".dll");
        // The AWS SDK is ours or none: falling back to the default context would hand the engine AWS Tools' copy.
        if (name.StartsWith("AWSSDK.", StringComparison.OrdinalIgnoreCase))
        {
            return File.Exists(path) ? LoadOwn(name, path)
                : throw new FileNotFoundException($"{name}.dll is missing from {_directory}.", path);
        }
        // System.Management.Automation, netstandard, the runtime: the default context.
        if (!File.Exists(path)) return null;
        if (PlatformAssemblies.Value.ContainsKey(name) && FromPlatform(assemblyName) is { } platform) return platform;
        return LoadOwn(name, path);
    }

    // An assembly of the module folder (its IL at path), from its ReadyToRun image when the folder has one for this
    // runtime and platform: the same assembly, precompiled, so the first command JIT-compiles little of it.
    private Assembly LoadOwn(string name, string path)
    {
        var image = _readyToRun is null ? null : Path.Combine(_readyToRun, name + ".dll");
        if (image is not null && File.Exists(image))
        {
            try { return LoadFromAssemblyPath(image); }
            catch (BadImageFormatException) { /* a damaged image: the IL beside it does the same work */ }
        }
        return LoadFromAssemblyPath(path);
    }

    // build.ps1 puts ReadyToRun images in ReadyToRun/net<major>.0-<os>-<arch>/: made for one runtime and platform,
    // and on any other they would not load at all.
    private static string? ReadyToRunFolder(string directory)
    {
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx"
            : RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win" : null;
        if (os is null) return null;
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var folder = Path.Combine(directory, "ReadyToRun", $"net{Environment.Version.Major}.0-{os}-{arch}");
        return Directory.Exists(folder) ? folder : null;
    }

    // The runtime's (or the host's) copy when it is at least the version asked for: the default context loads it
    // next anyway, and its version is then known without reading the file (which would load
    // System.Reflection.Metadata).
    private static Assembly? FromPlatform(AssemblyName wanted)
    {
        try
        {
            var platform = Default.LoadFromAssemblyName(new AssemblyName(wanted.Name));
            return platform.GetName().Version >= (wanted.Version ?? new Version(0, 0)) ? platform : null;
        }
        catch (Exception) { return null; }
    }

    // The runtime's and the host's own assemblies: what the default context loads without probing.
    private static Dictionary<string, string> ReadPlatformAssemblies()
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        foreach (var path in list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            result[Path.GetFileNameWithoutExtension(path)] = path;
        return result;
    }
}

/// <summary>
/// What ApprovalTools.dll calls: a plain static class, so compiling that call needs no AssemblyLoadContext.
/// </summary>
public static class IsolatedAssembly
{
    /// <inheritdoc cref="ModuleLoadContext.Load(string, Assembly)"/>
    public static Assembly Load(string name, Assembly module) => ModuleLoadContext.Load(name, module);
}
