// zosbuild: the repository's build-time tool, run by MSBuild targets of the PowerShell project.
//   help    --assembly DLL --docs DIR --manifest PSD1 --out XML    MAML help from docs/cmdlets/*.md
//   package --repository DIR --version V --out DIR                 the Gallery layout out/ZosTelemetry/<version>
//           [--precompiled DIR --platforms "a;b" --runtimes "x;y"] with Core's images DIR/<platform>/<runtime>/
//   syntax  --assembly DLL                                         each cmdlet's ## SYNTAX block, for writing its page
// Help problems are printed, not fatal: the help-coverage test is the gate, and a build must not break because a
// cmdlet merged from another branch has no page yet. A broken input (unreadable manifest or assembly) is fatal.
using ZosTelemetry.Build.Help;
using ZosTelemetry.Build.Metadata;
using ZosTelemetry.Build.Packaging;

namespace ZosTelemetry.Build;

public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            var options = Options(args.Skip(1));
            switch (args.FirstOrDefault())
            {
                case "help":
                    return Help(Required(options, "assembly"), Required(options, "docs"), Required(options, "manifest"), Required(options, "out"));
                case "package":
                    var images = options.TryGetValue("precompiled", out string? root)
                        ? new PrecompiledImages(root, List(Required(options, "platforms")), List(Required(options, "runtimes")))
                        : null;
                    var layout = ModulePackager.Layout(Required(options, "repository"), Required(options, "version"), Required(options, "out"), images);
                    Console.WriteLine($"zosbuild: packaged {layout.Files.Count} files in {layout.Directory}");
                    return 0;
                case "syntax":
                    foreach (var cmdlet in CmdletReader.Read(Required(options, "assembly")))
                    {
                        Console.WriteLine($"# {cmdlet.Name}\n\n## SYNTAX\n");
                        Console.WriteLine(string.Join("\n\n", SyntaxFormatter.Lines(cmdlet).Select(l => "```\n" + l + "\n```")) + "\n");
                    }

                    return 0;
                default:
                    Console.Error.WriteLine("usage: zosbuild help --assembly DLL --docs DIR --manifest PSD1 --out XML | package --repository DIR --version V --out DIR | syntax --assembly DLL");
                    return 2;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or PowerShellDataFileException or BadImageFormatException)
        {
            Console.Error.WriteLine($"zosbuild: error: {ex.Message}");
            return 1;
        }
    }

    private static int Help(string assembly, string docs, string manifestPath, string output)
    {
        string projectUri = ProjectUri(manifestPath);
        var cmdlets = CmdletReader.Read(assembly);
        foreach (string problem in HelpCoverage.Check(cmdlets, docs, projectUri))
        {
            Console.WriteLine($"zosbuild: help: {problem.Split('\n')[0]}");
        }

        var documented = cmdlets
            .Where(c => File.Exists(Path.Combine(docs, c.Name + ".md")))
            .Select(c => (c, CmdletDocReader.Read(Path.Combine(docs, c.Name + ".md"), $"{HelpCoverage.DocsFolder}/{c.Name}.md")))
            .ToList();
        MamlWriter.Save(MamlWriter.Document(documented, projectUri), output);
        Console.WriteLine($"zosbuild: help for {documented.Count} of {cmdlets.Count} cmdlets written to {output}");
        return 0;
    }

    /// <summary>PrivateData.PSData.ProjectUri of the manifest: the repository the online help pages live in.</summary>
    public static string ProjectUri(string manifestPath)
    {
        var manifest = PowerShellDataFile.Load(manifestPath);
        return manifest.TryGetValue("PrivateData", out var pd) && pd is Dictionary<string, object?> privateData
            && privateData.TryGetValue("PSData", out var ps) && ps is Dictionary<string, object?> psData
            && psData.TryGetValue("ProjectUri", out var uri) && uri is string s
            ? s
            : throw new InvalidOperationException($"{manifestPath} has no PrivateData.PSData.ProjectUri, which the online help links need.");
    }

    /// <summary>An MSBuild list ("a;b"), as the PackageModule target passes ZosPrecompiledPlatforms and ZosPrecompiledRuntimes.</summary>
    private static string[] List(string value) => value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Dictionary<string, string> Options(IEnumerable<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            string name = e.Current.StartsWith("--", StringComparison.Ordinal) ? e.Current[2..] : throw new ArgumentException($"unexpected argument {e.Current}");
            options[name] = e.MoveNext() ? e.Current : throw new ArgumentException($"--{name} needs a value");
        }

        return options;
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out string? v) ? v : throw new ArgumentException($"--{name} is required");
}
