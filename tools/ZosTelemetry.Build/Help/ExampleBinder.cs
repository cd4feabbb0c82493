// Finds the calls of a cmdlet in an example's code and binds each the way PowerShell would, closely enough to say
// which parameters it shows and which parameter sets it can run in. A tokenizer for the shapes examples use:
// -Name value, -Name:value, -Switch, positional values, quoted strings, (...) @(...) $(...) {...} [...] groups,
// backtick line continuations, and a preceding | for pipeline input.
using System.Text;
using ZosTelemetry.Build.Metadata;

namespace ZosTelemetry.Build.Help;

public sealed record ExampleCall(
    IReadOnlyList<string> Named,
    IReadOnlyList<string> UnknownNames,
    int PositionalValues,
    bool Piped);

public sealed record CallBinding(string Set, IReadOnlyList<string> Shown);

public static class ExampleBinder
{
    // Parameters every cmdlet has; they belong to no set and show nothing about the cmdlet's own parameters.
    public static readonly HashSet<string> CommonParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "vb", "Debug", "db", "ErrorAction", "ea", "WarningAction", "wa", "InformationAction", "infa",
        "ProgressAction", "proga", "ErrorVariable", "ev", "WarningVariable", "wv", "InformationVariable", "iv",
        "OutVariable", "ov", "OutBuffer", "ob", "PipelineVariable", "pv",
    };

    /// <summary>Every call of the cmdlet in the code (by name, case-insensitive, as a command word).</summary>
    public static IReadOnlyList<ExampleCall> Calls(string code, CmdletModel cmdlet)
    {
        var calls = new List<ExampleCall>();
        int from = 0;
        while (true)
        {
            int at = code.IndexOf(cmdlet.Name, from, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return calls;
            }

            from = at + cmdlet.Name.Length;
            bool wordStart = at == 0 || !(char.IsLetterOrDigit(code[at - 1]) || code[at - 1] is '-' or '_' or '$' or '/' or '\\' or '.');
            bool wordEnd = from >= code.Length || !(char.IsLetterOrDigit(code[from]) || code[from] is '-' or '_' or '.');
            if (wordStart && wordEnd)
            {
                calls.Add(Bind(Tokens(code, from), cmdlet, PrecededByPipe(code, at)));
            }
        }
    }

    /// <summary>The parameter sets the call can run in, each with the parameters the call shows in it.</summary>
    public static IReadOnlyList<CallBinding> Sets(ExampleCall call, CmdletModel cmdlet)
    {
        var result = new List<CallBinding>();
        foreach (string set in cmdlet.ParameterSets)
        {
            var inSet = cmdlet.InSet(set).ToList();
            var names = inSet.Select(x => x.Parameter.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!call.Named.All(names.Contains))
            {
                continue;
            }

            var positional = inSet.Where(x => x.Use.Position is not null && !call.Named.Contains(x.Parameter.Name, StringComparer.OrdinalIgnoreCase))
                .OrderBy(x => x.Use.Position).Select(x => x.Parameter.Name).ToList();
            if (call.PositionalValues > positional.Count)
            {
                continue;
            }

            var shown = call.Named.Concat(positional.Take(call.PositionalValues)).ToList();
            bool mandatoryMet = inSet.Where(x => x.Use.Mandatory).All(x =>
                shown.Contains(x.Parameter.Name, StringComparer.OrdinalIgnoreCase)
                || (call.Piped && (x.Use.ValueFromPipeline || x.Use.ValueFromPipelineByPropertyName)));
            if (!mandatoryMet)
            {
                continue;
            }

            // Piping shows a by-value parameter; by-property-name binding may fill many, so it shows none of them.
            if (call.Piped)
            {
                shown.AddRange(inSet.Where(x => x.Use.ValueFromPipeline && !shown.Contains(x.Parameter.Name, StringComparer.OrdinalIgnoreCase)).Select(x => x.Parameter.Name).Take(1));
            }

            result.Add(new CallBinding(set, shown));
        }

        return result;
    }

    private static ExampleCall Bind(List<string> tokens, CmdletModel cmdlet, bool piped)
    {
        var named = new List<string>();
        var unknown = new List<string>();
        int positional = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (token.Length > 1 && token[0] == '-' && (char.IsLetter(token[1]) || token[1] == '_'))
            {
                string name = token[1..];
                bool inlineValue = false;
                int colon = name.IndexOf(':');
                if (colon >= 0)
                {
                    name = name[..colon];
                    inlineValue = true;
                }

                var p = cmdlet.Find(name);
                if (p is not null)
                {
                    named.Add(p.Name);
                    if (!p.IsSwitch && !inlineValue)
                    {
                        i++; // its value
                    }
                }
                else if (!CommonParameters.Contains(name))
                {
                    unknown.Add("-" + name);
                }
                else if (!inlineValue && name is not ("Verbose" or "vb" or "Debug" or "db"))
                {
                    i++;
                }
            }
            else
            {
                positional++;
            }
        }

        return new ExampleCall(named, unknown, positional, piped);
    }

    /// <summary>The arguments after the command name, up to the end of the command (|, ;, a line end without `).</summary>
    private static List<string> Tokens(string code, int start)
    {
        var tokens = new List<string>();
        var token = new StringBuilder();
        int i = start;

        void End()
        {
            if (token.Length > 0)
            {
                tokens.Add(token.ToString());
                token.Clear();
            }
        }

        while (i < code.Length)
        {
            char c = code[i];
            if (c == '`' && i + 1 < code.Length && (code[i + 1] == '\n' || code[i + 1] == '\r'))
            {
                End();
                i += code[i + 1] == '\r' && i + 2 < code.Length && code[i + 2] == '\n' ? 3 : 2;
                continue;
            }

            if (c is '\n' or '|' or ';' or ')' or '}' || (c == '#' && token.Length == 0))
            {
                break;
            }

            if (c is ' ' or '\t' or '\r')
            {
                // "a, b" is one argument (an array): a comma joins the words on either side of it.
                int next = i;
                while (next < code.Length && code[next] is ' ' or '\t' or '\r')
                {
                    next++;
                }

                bool joined = (token.Length > 0 && token[^1] == ',') || (next < code.Length && code[next] == ',');
                if (!joined)
                {
                    End();
                }

                i = next;
                continue;
            }

            if (c is '\'' or '"')
            {
                int end = ClosingQuote(code, i);
                token.Append(code, i, end - i + 1);
                i = end + 1;
                continue;
            }

            if (c is '(' or '{' or '[')
            {
                int end = ClosingBracket(code, i);
                token.Append(code, i, end - i + 1);
                i = end + 1;
                continue;
            }

            token.Append(c);
            i++;
        }

        End();
        return tokens;
    }

    private static int ClosingQuote(string code, int open)
    {
        char quote = code[open];
        for (int i = open + 1; i < code.Length; i++)
        {
            if (quote == '"' && code[i] == '`')
            {
                i++;
            }
            else if (code[i] == quote)
            {
                if (i + 1 < code.Length && code[i + 1] == quote)
                {
                    i++; // '' or "" inside the string
                }
                else
                {
                    return i;
                }
            }
        }

        return code.Length - 1;
    }

    private static int ClosingBracket(string code, int open)
    {
        int depth = 0;
        for (int i = open; i < code.Length; i++)
        {
            char c = code[i];
            if (c is '\'' or '"')
            {
                i = ClosingQuote(code, i);
            }
            else if (c is '(' or '{' or '[')
            {
                depth++;
            }
            else if (c is ')' or '}' or ']' && --depth == 0)
            {
                return i;
            }
        }

        return code.Length - 1;
    }

    private static bool PrecededByPipe(string code, int at)
    {
        for (int i = at - 1; i >= 0; i--)
        {
            char c = code[i];
            if (c == '|')
            {
                return true;
            }

            if (c is ' ' or '\t' or '\r' or '\n')
            {
                continue;
            }

            return false; // another word before the cmdlet: it is not the start of a pipeline stage
        }

        return false;
    }
}
