// Whether every cmdlet of the module has complete help in docs/cmdlets, as problems a person can act on: each names
// the file, and the parameter, parameter set or example that is missing or wrong. The help-coverage test fails with
// these messages; the build prints them but still generates what it can.
using ZosTelemetry.Build.Metadata;

namespace ZosTelemetry.Build.Help;

public static class HelpCoverage
{
    public const string DocsFolder = "docs/cmdlets";

    /// <summary>The online page of a cmdlet: its Markdown file in the repository the manifest's ProjectUri names.</summary>
    public static string OnlineUri(string projectUri, string cmdlet) => $"{projectUri.TrimEnd('/')}/blob/main/{DocsFolder}/{cmdlet}.md";

    /// <summary>Every problem with the help of every cmdlet, plus pages that document no cmdlet of the module.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<CmdletModel> cmdlets, string docsDirectory, string projectUri)
    {
        var problems = new List<string>();
        foreach (var cmdlet in cmdlets)
        {
            problems.AddRange(Check(cmdlet, docsDirectory, projectUri));
        }

        if (Directory.Exists(docsDirectory))
        {
            foreach (string file in Directory.GetFiles(docsDirectory, "*-*.md").Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileNameWithoutExtension(file);
                if (!cmdlets.Any(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"{DocsFolder}/{Path.GetFileName(file)} documents {name}, which the module does not have (renamed or removed?).");
                }
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> Check(CmdletModel cmdlet, string docsDirectory, string projectUri)
    {
        string display = $"{DocsFolder}/{cmdlet.Name}.md";
        string path = Path.Combine(docsDirectory, cmdlet.Name + ".md");
        if (!File.Exists(path))
        {
            return [$"{display} is missing: every cmdlet needs a help page (format and template: {DocsFolder}/README.md). {cmdlet.Name} has parameters {string.Join(", ", cmdlet.Parameters.Select(p => "-" + p.Name))}."];
        }

        return Check(cmdlet, CmdletDocReader.Read(path, display), projectUri);
    }

    public static IReadOnlyList<string> Check(CmdletModel cmdlet, CmdletDoc doc, string projectUri)
    {
        string f = doc.DisplayPath;
        var problems = doc.FormatProblems.Select(p => $"{f}: {p}.").ToList();

        if (!string.Equals(doc.Title, cmdlet.Name, StringComparison.Ordinal))
        {
            problems.Add($"{f}: the title must be \"# {cmdlet.Name}\", found {(doc.Title is null ? "none" : $"\"# {doc.Title}\"")}.");
        }

        if (doc.Synopsis.Count == 0)
        {
            problems.Add($"{f}: ## SYNOPSIS is missing or empty (one sentence: what {cmdlet.Name} does).");
        }

        if (doc.Description.Count == 0)
        {
            problems.Add($"{f}: ## DESCRIPTION is missing or empty.");
        }

        var expectedSyntax = SyntaxFormatter.Lines(cmdlet);
        var writtenSyntax = doc.SyntaxBlocks.SelectMany(b => b.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (!writtenSyntax.SequenceEqual(expectedSyntax, StringComparer.Ordinal))
        {
            problems.Add($"{f}: ## SYNTAX does not match the cmdlet; it must hold one code block per parameter set, exactly:\n" +
                string.Join("\n", expectedSyntax.Select(l => "```\n" + l + "\n```")));
        }

        foreach (var p in cmdlet.Parameters.Where(p => !p.IsShouldProcessSwitch))
        {
            var documented = doc.Parameter(p.Name);
            if (documented is null || documented.Body.Count == 0)
            {
                problems.Add($"{f}: parameter -{p.Name} has no description: add \"### -{p.Name}\" with a paragraph under ## PARAMETERS.");
            }
        }

        foreach (var documented in doc.Parameters)
        {
            string name = documented.Name.TrimStart('-');
            if (!documented.Name.StartsWith('-') || cmdlet.Parameters.All(p => !p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{f}: line {documented.Line}: \"### {documented.Name}\" documents no parameter of {cmdlet.Name} (write \"### -Name\" for one of {string.Join(", ", cmdlet.Parameters.Select(p => "-" + p.Name))}).");
            }
        }

        problems.AddRange(CheckExamples(cmdlet, doc));

        var outputs = doc.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (string type in cmdlet.OutputTypes.Select(o => o.TypeName).Distinct())
        {
            if (!outputs.Contains(type))
            {
                problems.Add($"{f}: ## OUTPUTS has no \"### {type}\", which {cmdlet.Name} declares with [OutputType].");
            }
        }

        if (doc.Inputs.Count == 0)
        {
            problems.Add($"{f}: ## INPUTS is missing: list what can be piped in (\"### System.String\"), or \"### None\".");
        }

        string online = OnlineUri(projectUri, cmdlet.Name);
        if (cmdlet.HelpUri is { } helpUri && helpUri != online)
        {
            problems.Add($"{cmdlet.ClassName}: [Cmdlet] HelpUri is \"{helpUri}\"; it must be the cmdlet's page, \"{online}\".");
        }

        return problems;
    }

    private static IEnumerable<string> CheckExamples(CmdletModel cmdlet, CmdletDoc doc)
    {
        string f = doc.DisplayPath;
        if (doc.Examples.Count == 0)
        {
            yield return $"{f}: ## EXAMPLES has no example (\"### Example 1: <what it shows>\" followed by a ```powershell block).";
            yield break;
        }

        var setsShown = new HashSet<string>(StringComparer.Ordinal);
        var parametersShown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int n = 0; n < doc.Examples.Count; n++)
        {
            var example = doc.Examples[n];
            string label = $"example {n + 1} (\"{example.Title}\", line {example.Line})";
            if (string.IsNullOrWhiteSpace(example.Code))
            {
                yield return $"{f}: {label} has no code block.";
                continue;
            }

            if (example.Remarks.Count == 0)
            {
                yield return $"{f}: {label} has no text after its code saying what it does.";
            }

            var calls = ExampleBinder.Calls(example.Code, cmdlet);
            if (calls.Count == 0)
            {
                yield return $"{f}: {label} does not call {cmdlet.Name}.";
                continue;
            }

            foreach (var call in calls)
            {
                foreach (string unknown in call.UnknownNames)
                {
                    yield return $"{f}: {label} uses {unknown}, which {cmdlet.Name} does not have.";
                }

                var bindings = ExampleBinder.Sets(call, cmdlet);
                if (bindings.Count == 0 && call.UnknownNames.Count == 0)
                {
                    string given = string.Join(" ", call.Named.Select(n => "-" + n).Append(call.PositionalValues > 0 ? $"{call.PositionalValues} positional value(s)" : null).OfType<string>());
                    yield return $"{f}: {label} calls {cmdlet.Name} with {(given.Length > 0 ? given : "no arguments")}, which fits none of its parameter sets.";
                }

                foreach (var b in bindings)
                {
                    setsShown.Add(b.Set);
                    parametersShown.UnionWith(b.Shown);
                }
            }
        }

        foreach (string set in cmdlet.ParameterSets.Where(s => !setsShown.Contains(s)))
        {
            string needs = string.Join(", ", cmdlet.InSet(set).Where(x => x.Use.Mandatory).Select(x => "-" + x.Parameter.Name));
            yield return $"{f}: no example runs in parameter set \"{set}\"{(needs.Length > 0 ? $" (it needs {needs})" : "")}.";
        }

        foreach (var p in cmdlet.Parameters.Where(p => !p.IsShouldProcessSwitch && !parametersShown.Contains(p.Name)))
        {
            yield return $"{f}: no example shows -{p.Name}.";
        }
    }
}
