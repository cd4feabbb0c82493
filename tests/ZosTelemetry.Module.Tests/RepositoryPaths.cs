// Where the files under test live: the repository is the folder holding Telemetry.sln, found by walking up from the
// test's output folder, so the tests work from any build configuration and any checkout location.
namespace ZosTelemetry.Module.Tests;

internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Manifest => Path.Combine(Root, "ZosTelemetry.psd1");

    public static string ModuleAssembly => Path.Combine(Root, "module", "bin", "ZosTelemetry.PowerShell.dll");

    public static string CoreAssembly => Path.Combine(Root, "module", "bin", "ZosTelemetry.Core.dll");

    public static string FormatFile => Path.Combine(Root, "module", "ZosTelemetry.format.ps1xml");

    public static string AboutHelp => Path.Combine(Root, "module", "en-US", "about_ZosTelemetry.help.txt");

    public static string HelpFolder => Path.Combine(Root, "module", "en-US");

    public static string MamlHelp => Path.Combine(HelpFolder, "ZosTelemetry.PowerShell.dll-Help.xml");

    public static string CmdletDocs => Path.Combine(Root, "docs", "cmdlets");

    /// <summary>The product version, from its one source: Directory.Build.props.</summary>
    public static string Version => System.Xml.Linq.XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("Version").Single().Value;

    /// <summary>A path from the manifest (relative to the manifest's folder, either slash) as a full path.</summary>
    public static string FromManifest(string relative) =>
        Path.GetFullPath(Path.Combine(Root, relative.Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar)));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Telemetry.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains Telemetry.sln.");
    }
}
