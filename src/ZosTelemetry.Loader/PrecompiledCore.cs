// Loads ZosTelemetry.Core precompiled for this process, when the module carries an image for it.
//
// The module ships Core twice: as IL beside the cmdlets' assembly (what a build produces, and what runs anywhere) and
// as ReadyToRun images in precompiled/<platform>/<runtime>/ (the package only: src/ZosTelemetry.Core.Precompiled).
// Precompiled code spares a cmdlet's first call the JIT of every Core method it touches, but it is used only on the
// platform and by the runtime major version it was compiled for (an image of another platform is refused with
// BadImageFormatException, one of another runtime runs as plain IL), so no single image serves every pwsh.
//
// PowerShell imports the manifest's NestedModules before its RootModule, and calls an IModuleAssemblyInitializer as
// it imports it. So this runs before PowerShell reflects over the cmdlets, which is when Core is first asked for (a
// cmdlet's parameter of a Core enum needs Core to lay out the type; a [ModuleInitializer] in the cmdlets' assembly
// runs too late for that). Loading the image into the default context under its own name is enough: the cmdlets'
// reference to ZosTelemetry.Core then binds to the assembly already loaded. Without an image (a build, a platform
// or runtime not packaged), nothing is loaded here and Core resolves from beside the cmdlets' assembly as before.
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace ZosTelemetry.Loader;

public sealed class PrecompiledCore : IModuleAssemblyInitializer
{
    /// <summary>The image this session loaded, or null when Core came from beside the cmdlets' assembly.</summary>
    public static string? Loaded { get; private set; }

    public void OnImport() => Loaded = CoreImage.Load(Path.GetDirectoryName(typeof(PrecompiledCore).Assembly.Location)!) ?? Loaded;
}

/// <summary>Which image of Core suits this process, and loading it; apart from the initializer, which needs PowerShell.</summary>
public static class CoreImage
{
    public const string Folder = "precompiled";
    public const string CoreAssembly = "ZosTelemetry.Core";

    /// <summary>
    /// precompiled/&lt;platform&gt;/&lt;runtime&gt;/ZosTelemetry.Core.dll for a process on this OS, architecture
    /// and runtime major version, in the names of Directory.Build.props' ZosPrecompiledPlatforms and
    /// ZosPrecompiledRuntimes; null for an OS or architecture no image is built for.
    /// </summary>
    public static string? RelativePath(string? os, Architecture architecture, int runtimeMajor)
    {
        string? cpu = architecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            _ => null,
        };
        return os is null || cpu is null ? null : $"{Folder}/{os}-{cpu}/net{runtimeMajor}.0/{CoreAssembly}.dll";
    }

    /// <summary>"linux", "osx" or "win" for this process; null elsewhere.</summary>
    public static string? CurrentOs() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : OperatingSystem.IsWindows() ? "win" : null;

    /// <summary>Loads the image for this process from moduleDirectory; returns its path, or null when none was loaded.</summary>
    public static string? Load(string moduleDirectory)
    {
        // Imported again (Import-Module -Force, a second runspace): Core is loaded already, and an assembly stays loaded.
        foreach (var assembly in AssemblyLoadContext.Default.Assemblies)
        {
            if (assembly.GetName().Name == CoreAssembly)
            {
                return null;
            }
        }

        string? relative = RelativePath(CurrentOs(), RuntimeInformation.ProcessArchitecture, Environment.Version.Major);
        if (relative is null)
        {
            return null;
        }

        string path = Path.Combine(moduleDirectory, relative);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
            return path;
        }
        catch (BadImageFormatException)
        {
            // Not this platform's image after all: the IL beside the cmdlets' assembly serves, only slower.
            return null;
        }
    }
}
