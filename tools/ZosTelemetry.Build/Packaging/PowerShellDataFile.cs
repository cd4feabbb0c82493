// A strict reader of PowerShell data files (.psd1), for checks without pwsh: it accepts only what
// Import-PowerShellDataFile accepts as data (one hashtable literal of strings, numbers, $true/$false/$null, arrays
// and nested hashtables, with comments) and refuses anything that would be code: commands, variables,
// subexpressions, script blocks, expandable strings with $, type literals. The packaged manifest must pass it.
using System.Globalization;
using System.Text;

namespace ZosTelemetry.Build.Packaging;

public sealed class PowerShellDataFileException(string message) : Exception(message);

public sealed class PowerShellDataFile
{
    private readonly string text;
    private int pos;

    private PowerShellDataFile(string text) => this.text = text;

    /// <summary>The file's hashtable: keys case-insensitive; values string, long, double, bool, null, List&lt;object?&gt; or a nested dictionary.</summary>
    public static Dictionary<string, object?> Parse(string text)
    {
        var reader = new PowerShellDataFile(text.TrimStart('\uFEFF'));
        reader.SkipTrivia(newlines: true);
        if (!reader.Take("@{"))
        {
            throw reader.Error("a data file must be one hashtable literal @{ ... }");
        }

        var table = reader.ReadHashtableBody();
        reader.SkipTrivia(newlines: true);
        if (reader.pos < reader.text.Length)
        {
            throw reader.Error("nothing may follow the hashtable");
        }

        return table;
    }

    public static Dictionary<string, object?> Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>A key's value as a list of strings: a single string becomes a one-item list; a missing key an empty one.</summary>
    public static IReadOnlyList<string> Strings(IReadOnlyDictionary<string, object?> table, string key) => table.TryGetValue(key, out object? v) ? v switch
    {
        null => [],
        string s => [s],
        List<object?> list => list.Select(i => i as string ?? throw new PowerShellDataFileException($"{key} must hold strings only")).ToList(),
        _ => throw new PowerShellDataFileException($"{key} must be a string or a list of strings"),
    } : [];

    private Dictionary<string, object?> ReadHashtableBody()
    {
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipTrivia(newlines: true);
            if (Take("}"))
            {
                return table;
            }

            string key = ReadKey();
            SkipTrivia(newlines: false);
            if (!Take("="))
            {
                throw Error($"expected = after the key {key}");
            }

            SkipTrivia(newlines: true);
            object? value = ReadValueOrList();
            if (!table.TryAdd(key, value))
            {
                throw Error($"the key {key} appears twice");
            }

            SkipTrivia(newlines: false);
            if (!(Take(";") || Peek() is '\n' or '\r' or '}'))
            {
                throw Error($"expected a new line, ; or }} after the value of {key}");
            }
        }
    }

    private string ReadKey()
    {
        if (Peek() is '\'' or '"')
        {
            return ReadString();
        }

        int start = pos;
        while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] is '_' or '-' or '.'))
        {
            pos++;
        }

        return pos > start ? text[start..pos] : throw Error("expected a key");
    }

    // A bare comma list ('a', 'b') is an array, as in PowerShell.
    private object? ReadValueOrList()
    {
        object? first = ReadValue();
        SkipTrivia(newlines: false);
        if (Peek() != ',')
        {
            return first;
        }

        var list = new List<object?> { first };
        while (Take(","))
        {
            SkipTrivia(newlines: true);
            list.Add(ReadValue());
            SkipTrivia(newlines: false);
        }

        return list;
    }

    private object? ReadValue()
    {
        if (Take("@{"))
        {
            return ReadHashtableBody();
        }

        if (Take("@("))
        {
            var list = new List<object?>();
            while (true)
            {
                SkipTrivia(newlines: true);
                if (Take(")"))
                {
                    return list;
                }

                list.Add(ReadValue());
                SkipTrivia(newlines: false);
                if (!(Take(",") || Take(";") || Peek() is '\n' or '\r' or ')' or '#'))
                {
                    throw Error("expected , or a new line between the items of @( )");
                }
            }
        }

        if (Peek() == '@' && pos + 1 < text.Length && text[pos + 1] is '\'' or '"')
        {
            return ReadHereString();
        }

        if (Peek() is '\'' or '"')
        {
            return ReadString();
        }

        if (Peek() == '$')
        {
            foreach (var (name, value) in new (string, object?)[] { ("$true", true), ("$false", false), ("$null", null) })
            {
                if (string.Compare(text, pos, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                    && (pos + name.Length == text.Length || !char.IsLetterOrDigit(text[pos + name.Length])))
                {
                    pos += name.Length;
                    return value;
                }
            }

            throw Error("variables are code, not data (only $true, $false and $null are allowed)");
        }

        int start = pos;
        while (pos < text.Length && (char.IsDigit(text[pos]) || text[pos] is '.' or '-' or '+'))
        {
            pos++;
        }

        string number = text[start..pos];
        if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
        {
            return l;
        }

        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            return d;
        }

        pos = start;
        throw Error($"expected a value; \"{Clip()}\" is not data (a command, a type or a script block?)");
    }

    private string ReadString()
    {
        char quote = text[pos++];
        var s = new StringBuilder();
        while (pos < text.Length)
        {
            char c = text[pos++];
            if (c == quote || (quote == '\'' && c is '\u2018' or '\u2019'))
            {
                if (pos < text.Length && text[pos] == quote)
                {
                    s.Append(quote);
                    pos++;
                    continue;
                }

                return s.ToString();
            }

            if (quote == '"' && c == '$')
            {
                throw Error("a $ in a double-quoted string expands a variable or runs code; use single quotes");
            }

            if (quote == '"' && c == '`' && pos < text.Length)
            {
                s.Append(text[pos++]);
                continue;
            }

            s.Append(c);
        }

        throw Error("a string is never closed");
    }

    private string ReadHereString()
    {
        char quote = text[pos + 1];
        pos += 2;
        int bodyStart = text.IndexOf('\n', pos) + 1;
        if (bodyStart == 0 || !string.IsNullOrWhiteSpace(text[pos..bodyStart]))
        {
            throw Error("a here-string starts with @' or @\" alone at the end of its line");
        }

        string close = "\n" + quote + "@";
        int end = text.IndexOf(close, bodyStart - 1, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error($"a here-string is never closed with {quote}@ at the start of a line");
        }

        string body = bodyStart - 1 >= end ? "" : text[bodyStart..end].TrimEnd('\r');
        if (quote == '"' && body.Contains('$'))
        {
            throw Error("a $ in a double-quoted here-string expands a variable or runs code; use @' '@");
        }

        pos = end + close.Length;
        return body.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private void SkipTrivia(bool newlines)
    {
        while (pos < text.Length)
        {
            char c = text[pos];
            if (c is ' ' or '\t' || (newlines && c is '\n' or '\r'))
            {
                pos++;
            }
            else if (c == '`' && pos + 1 < text.Length && text[pos + 1] is '\n' or '\r')
            {
                pos += 2;
            }
            else if (c == '#')
            {
                while (pos < text.Length && text[pos] != '\n')
                {
                    pos++;
                }
            }
            else if (c == '<' && pos + 1 < text.Length && text[pos + 1] == '#')
            {
                int end = text.IndexOf("#>", pos + 2, StringComparison.Ordinal);
                pos = end < 0 ? throw Error("a <# comment is never closed") : end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private bool Take(string token)
    {
        if (string.CompareOrdinal(text, pos, token, 0, token.Length) == 0)
        {
            pos += token.Length;
            return true;
        }

        return false;
    }

    private char Peek() => pos < text.Length ? text[pos] : '\0';

    private string Clip()
    {
        int end = text.IndexOfAny(['\n', '\r'], pos);
        string rest = end < 0 ? text[pos..] : text[pos..end];
        return rest.Length > 30 ? rest[..30] + "…" : rest;
    }

    private PowerShellDataFileException Error(string message)
    {
        int line = 1 + text.AsSpan(0, Math.Min(pos, text.Length)).Count('\n');
        return new PowerShellDataFileException($"line {line}: {message}");
    }
}
