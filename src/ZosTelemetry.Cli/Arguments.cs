// A small, strict argument parser: --name value, --name=value, repeatable options and boolean flags.
// Strict on purpose: an unknown or misspelt option is an error, never silently ignored. The error never repeats the
// unknown token (KnownNames): it says where it stands and suggests the known option it is a typo of.
using System.Globalization;

namespace ZosTelemetry.Cli;

public sealed class Arguments
{
    private readonly Dictionary<string, List<string>> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private Arguments(List<string> positionals)
    {
        Positionals = positionals;
    }

    public IReadOnlyList<string> Positionals { get; }

    /// <summary>Parses args against the options a command takes (names without the leading dashes) and the flags it takes.</summary>
    public static Arguments Parse(IReadOnlyList<string> args, string command, IReadOnlyCollection<string> options, IReadOnlyCollection<string> flagNames, int positionals) =>
        Parse(args, command, options, flagNames, positionals, positionals);

    /// <summary>As Parse, for commands that take between minPositionals and maxPositionals arguments (e.g. one or more paths).</summary>
    public static Arguments Parse(IReadOnlyList<string> args, string command, IReadOnlyCollection<string> options, IReadOnlyCollection<string> flagNames, int minPositionals, int maxPositionals)
    {
        var parsed = new Arguments(new List<string>());
        int firstPositional = -1;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                string name = arg[2..];
                string? inline = null;
                int eq = name.IndexOf('=');
                if (eq >= 0)
                {
                    inline = name[(eq + 1)..];
                    name = name[..eq];
                }

                if (Has(flagNames, name))
                {
                    if (inline is not null)
                    {
                        throw new UsageException($"{command}: --{name} takes no value.");
                    }

                    parsed.flags.Add(name);
                }
                else if (Has(options, name))
                {
                    // "--model --root x" is a forgotten value, not a model named "--root": no value starts with "--".
                    string value = inline ?? (i + 1 < args.Count && !(args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2)
                        ? args[++i]
                        : throw new UsageException($"{command}: --{name} needs a value."));
                    if (name == "system")
                    {
                        // A filter by system is a name like the stored one: one that breaks the name rule can match no
                        // row, and refusing it here keeps it out of report titles and warnings.
                        ZosTelemetry.Events.EventValidator.ValidateName("system", value, required: true);
                    }

                    if (!parsed.values.TryGetValue(name, out var list))
                    {
                        parsed.values[name] = list = new List<string>(1);
                    }

                    list.Add(value);
                }
                else
                {
                    throw Unknown(command, i, name, options, flagNames);
                }
            }
            else if (arg.StartsWith('-') && arg.Length > 1 && !double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                throw Unknown(command, i, arg.TrimStart('-'), options, flagNames);
            }
            else
            {
                firstPositional = firstPositional < 0 ? i : firstPositional;
                ((List<string>)parsed.Positionals).Add(arg);
            }
        }

        int count = parsed.Positionals.Count;
        if (minPositionals == maxPositionals && count != minPositionals)
        {
            throw new UsageException(minPositionals == 0
                ? $"{command}: takes no arguments besides options, and {KnownNames.Position(firstPositional)} after '{command}' is not an option (options start with --)."
                : $"{command}: expects {minPositionals} argument{(minPositionals == 1 ? "" : "s")}, got {count}.");
        }

        if (count < minPositionals || count > maxPositionals)
        {
            throw new UsageException($"{command}: expects at least {minPositionals} argument{(minPositionals == 1 ? "" : "s")}, got {count}.");
        }

        return parsed;
    }

    public bool Flag(string name) => flags.Contains(name);

    private static UsageException Unknown(string command, int index, string name, IReadOnlyCollection<string> options, IReadOnlyCollection<string> flagNames) =>
        new($"{command}: {KnownNames.Position(index)} after '{command}' is not an option {command} takes{KnownNames.Suggestion(name, [.. options, .. flagNames], "--")}");

    private static bool Has(IReadOnlyCollection<string> names, string name) => names.Contains(name);

    public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out var list) ? list : Array.Empty<string>();

    /// <summary>The option's value; given twice is an error (only repeatable options may repeat).</summary>
    public string? Single(string name)
    {
        var all = All(name);
        return all.Count switch
        {
            0 => null,
            1 => all[0],
            _ => throw new UsageException($"--{name} was given {all.Count} times; give it once."),
        };
    }

    public string Required(string name, string command) =>
        Single(name) ?? throw new UsageException($"{command}: --{name} is required.");

    public long? Long(string name)
    {
        string? s = Single(name);
        if (s is null)
        {
            return null;
        }

        return long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw new UsageException($"--{name} must be a whole number of zero or more; got {ZosTelemetry.Events.EventValidator.Show(s)}.");
    }

    public int? Int(string name)
    {
        long? v = Long(name);
        return v is null ? null : v <= int.MaxValue ? (int)v : throw new UsageException($"--{name} is too large; got {v}.");
    }

    public double? Double(string name)
    {
        string? s = Single(name);
        if (s is null)
        {
            return null;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v >= 0
            ? v
            : throw new UsageException($"--{name} must be a finite number of zero or more; got {ZosTelemetry.Events.EventValidator.Show(s)}.");
    }

}
