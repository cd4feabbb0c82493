// Lays out the module as the PowerShell Gallery and Install-Module expect it: out/ZosTelemetry/<version>/ holding
// the manifest, the assemblies, the format/types files, en-US/ (MAML help and about_ topics), db/ (the team-store
// driver), precompiled/<platform>/<runtime>/ZosTelemetry.Core.dll (ReadyToRun images of Core, picked at import by the
// nested module ZosTelemetry.Loader), LICENSE, README.md and CHANGELOG.md, all flat beside the manifest. The packaged manifest is the repository's one with its paths made
// flat, ModuleVersion (and Prerelease) stamped from the build's version, and a FileList of exactly what was copied.
// Which files ship follows from the manifest itself, so a cmdlet, format or types file added later needs no change here.
using System.Text;
using System.Text.RegularExpressions;

namespace ZosTelemetry.Build.Packaging;

public sealed record PackageLayout(string Directory, string Manifest, IReadOnlyList<string> Files);

/// <summary>Where the precompiled images of Core are (Root/&lt;platform&gt;/&lt;runtime&gt;/), and which the package must carry.</summary>
public sealed record PrecompiledImages(string Root, IReadOnlyList<string> Platforms, IReadOnlyList<string> Runtimes)
{
    public const string CoreAssembly = "ZosTelemetry.Core.dll";
}

public static partial class ModulePackager
{
    public const string ModuleName = "ZosTelemetry";

    // Manifest keys whose values are files to ship (relative to the manifest).
    private static readonly string[] FileKeys = ["RootModule", "NestedModules", "RequiredAssemblies", "FormatsToProcess", "TypesToProcess"];

    private static readonly string[] Documents = ["LICENSE", "README.md", "CHANGELOG.md"];

    /// <summary>Builds outRoot/ZosTelemetry/&lt;version&gt; from the repository (its manifest must point at built assemblies).</summary>
    public static PackageLayout Layout(string repositoryRoot, string version, string outRoot, PrecompiledImages? images = null)
    {
        string sourceManifest = Path.Combine(repositoryRoot, ModuleName + ".psd1");
        string manifestText = File.ReadAllText(sourceManifest);
        var manifest = PowerShellDataFile.Parse(manifestText);
        var (moduleVersion, prerelease) = SplitVersion(version);

        string target = Path.Combine(outRoot, ModuleName, moduleVersion);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        var files = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase); // packaged name -> source
        void Ship(string packaged, string source)
        {
            if (!File.Exists(source))
            {
                throw new FileNotFoundException($"{packaged} cannot be packaged: {source} does not exist (was the module built?).", source);
            }

            if (!files.TryAdd(packaged, source))
            {
                throw new InvalidOperationException($"Two files would be packaged as {packaged}: {files[packaged]} and {source}.");
            }
        }

        foreach (string key in FileKeys)
        {
            foreach (string relative in PowerShellDataFile.Strings(manifest, key))
            {
                Ship(Path.GetFileName(Normalise(relative)), Path.Combine(repositoryRoot, Normalise(relative)));
            }
        }

        // The modules' own dependencies (ZosTelemetry.Core) sit beside them; the manifest names only what PowerShell imports.
        string assemblies = Path.Combine(repositoryRoot, "module", "bin");
        foreach (string file in Directory.GetFiles(assemblies, "*.dll").Order(StringComparer.Ordinal))
        {
            files.TryAdd(Path.GetFileName(file), file);
        }

        // Every image named must be there: a package short of one platform's image would run it as IL, unnoticed.
        if (images is not null)
        {
            foreach (string platform in images.Platforms)
            {
                foreach (string runtime in images.Runtimes)
                {
                    Ship($"precompiled/{platform}/{runtime}/{PrecompiledImages.CoreAssembly}", Path.Combine(images.Root, platform, runtime, PrecompiledImages.CoreAssembly));
                }
            }
        }

        string help = Path.Combine(repositoryRoot, "module", "en-US");
        if (Directory.Exists(help))
        {
            foreach (string file in Directory.GetFiles(help).Order(StringComparer.Ordinal))
            {
                Ship("en-US/" + Path.GetFileName(file), file);
            }
        }

        // The team-store driver (ZosTelemetry.Postgres, Npgsql and its dependencies) ships in db/, off the default
        // load path: the module loads it in an AssemblyLoadContext of its own, only when a cmdlet is given -Database.
        string driver = Path.Combine(repositoryRoot, "module", "bin", "db");
        if (Directory.Exists(driver))
        {
            foreach (string file in Directory.GetFiles(driver, "*.dll").Order(StringComparer.Ordinal))
            {
                Ship("db/" + Path.GetFileName(file), file);
            }
        }

        foreach (string document in Documents)
        {
            string source = Path.Combine(repositoryRoot, document);
            if (File.Exists(source))
            {
                Ship(document, source);
            }
        }

        foreach (var (packaged, source) in files)
        {
            string destination = Path.Combine(target, Normalise(packaged));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(source, destination);
        }

        var shipped = files.Keys.Append(ModuleName + ".psd1").Order(StringComparer.OrdinalIgnoreCase).ToList();
        string packagedManifest = Path.Combine(target, ModuleName + ".psd1");
        File.WriteAllText(packagedManifest, RewriteManifest(manifestText, moduleVersion, prerelease, shipped), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        // The result must still be data: a broken rewrite fails the packaging, not the user's Import-Module.
        PowerShellDataFile.Load(packagedManifest);
        return new PackageLayout(target, packagedManifest, shipped);
    }

    /// <summary>"0.2.0-beta.1" → ("0.2.0", "beta1"): ModuleVersion is a System.Version, the Gallery's Prerelease is alphanumeric.</summary>
    public static (string ModuleVersion, string? Prerelease) SplitVersion(string version)
    {
        int dash = version.IndexOf('-');
        string core = dash < 0 ? version : version[..dash];
        if (!Version.TryParse(core, out _))
        {
            throw new ArgumentException($"The version {version} does not start with a version number such as 1.2.3.");
        }

        string? pre = dash < 0 ? null : new string(version[(dash + 1)..].Where(char.IsAsciiLetterOrDigit).ToArray());
        return (core, string.IsNullOrEmpty(pre) ? null : pre);
    }

    public static string RewriteManifest(string text, string moduleVersion, string? prerelease, IReadOnlyList<string> fileList)
    {
        // The repository manifest's header explains the repository layout; the packaged one says what it is instead.
        int open = text.IndexOf("@{", StringComparison.Ordinal);
        if (open > 0 && text[..open].Split('\n').All(l => l.Trim().Length == 0 || l.TrimStart().StartsWith('#')))
        {
            text = $"#\n# Module manifest for {ModuleName} {moduleVersion}{(prerelease is null ? "" : "-" + prerelease)}, as packaged for the PowerShell Gallery\n" +
                "# (by tools/ZosTelemetry.Build from the repository's manifest: paths flat, version stamped, FileList added).\n#\n" + text[open..];
        }

        foreach (string key in FileKeys)
        {
            text = KeyValue(key).Replace(text, m => m.Groups["head"].Value + QuotedString().Replace(m.Groups["value"].Value, s => "'" + Path.GetFileName(Normalise(s.Groups["s"].Value + s.Groups["d"].Value)) + "'"));
        }

        text = KeyValue("ModuleVersion").Replace(text, m => m.Groups["head"].Value + $"'{moduleVersion}'", 1);
        if (prerelease is not null)
        {
            text = PSDataOpening().Replace(text, m => m.Value + $"\n{m.Groups["indent"].Value}    Prerelease = '{prerelease}'", 1);
        }

        // FileList goes last in the outer hashtable: before its closing brace, the file's last '}'.
        int close = text.LastIndexOf('}');
        var list = new StringBuilder("\n    # Every file of the package, written by the packaging step.\n    FileList               = @(\n");
        foreach (string file in fileList)
        {
            list.Append("        '").Append(file).Append("'\n"); // forward slashes resolve on every OS
        }

        list.Append("    )\n");
        return text[..close].TrimEnd() + "\n" + list + text[close..];
    }

    private static string Normalise(string relative) => relative.Replace('\\', '/');

    private static Regex KeyValue(string key) => new(@"(?mi)(?<head>^[ \t]*" + Regex.Escape(key) + @"[ \t]*=[ \t]*)(?<value>@\([^)]*\)|'[^']*'|""[^""]*"")");

    [GeneratedRegex(@"'(?<s>[^']*)'|""(?<d>[^""]*)""")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"(?m)^(?<indent>[ \t]*)PSData[ \t]*=[ \t]*@\{")]
    private static partial Regex PSDataOpening();
}
