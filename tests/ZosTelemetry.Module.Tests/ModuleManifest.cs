// A small, tolerant reader of the module manifest (ZosTelemetry.psd1) for the conformance tests: top-level and
// nested keys of the form Key = 'value', Key = "value", Key = @('a', "b", ...) or Key = $null. It is not a
// PowerShell parser; it reads the literal shapes a manifest uses, which is all the tests need.
using System.Text.RegularExpressions;

namespace ZosTelemetry.Module.Tests;

internal sealed partial class ModuleManifest
{
    private readonly Dictionary<string, string> values = new(StringComparer.OrdinalIgnoreCase);

    private ModuleManifest(string text)
    {
        foreach (Match m in Entry().Matches(WithoutComments(text)))
        {
            values[m.Groups["key"].Value] = m.Groups["value"].Value;
        }
    }

    public static ModuleManifest Load(string path) => new(File.ReadAllText(path));

    public IEnumerable<string> Keys => values.Keys;

    public bool Has(string key) => values.ContainsKey(key);

    /// <summary>The raw right-hand side of the key, e.g. "@('a', 'b')" or "'7.4'".</summary>
    public string Raw(string key) => values.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"The manifest has no {key}.");

    /// <summary>The single string value of the key.</summary>
    public string String(string key) => List(key) is [var only] ? only : throw new FormatException($"{key} is not a single string: {Raw(key)}");

    /// <summary>The strings of an @(...) list, or the one string of a scalar; empty for @() and $null.</summary>
    public IReadOnlyList<string> List(string key) =>
        QuotedString().Matches(Raw(key)).Select(m => m.Groups["s"].Success ? m.Groups["s"].Value : m.Groups["d"].Value).ToList();

    // Whole-line comments and <# #> blocks; a '#' inside a string on a line with code is left alone.
    private static string WithoutComments(string text) => LineComment().Replace(BlockComment().Replace(text, ""), "");

    [GeneratedRegex(@"(?m)^[ \t]*(?<key>[A-Za-z]\w*)[ \t]*=[ \t]*(?<value>@\([^)]*\)|'[^']*'|""[^""]*""|\$null|\$true|\$false)")]
    private static partial Regex Entry();

    [GeneratedRegex(@"'(?<s>[^']*)'|""(?<d>[^""]*)""")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"(?m)^[ \t]*#.*$")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"(?s)<#.*?#>")]
    private static partial Regex BlockComment();
}
