// One syntax line per parameter set, in PowerShell's own display order: positional parameters by position, then
// mandatory named ones, then optional ones in declaration order, then -WhatIf/-Confirm and [<CommonParameters>].
using System.Text;
using ZosTelemetry.Build.Metadata;

namespace ZosTelemetry.Build.Help;

public static class SyntaxFormatter
{
    public static IReadOnlyList<string> Lines(CmdletModel cmdlet) => cmdlet.ParameterSets.Select(set => Line(cmdlet, set)).ToList();

    public static string Line(CmdletModel cmdlet, string set)
    {
        var line = new StringBuilder(cmdlet.Name);
        foreach (var (p, use) in DisplayOrder(cmdlet, set))
        {
            line.Append(' ').Append(Format(p, use));
        }

        return line.Append(" [<CommonParameters>]").ToString();
    }

    public static IEnumerable<(ParameterModel Parameter, ParameterUse Use)> DisplayOrder(CmdletModel cmdlet, string set)
    {
        var all = cmdlet.InSet(set).ToList();
        return all.Where(x => x.Use.Position is not null).OrderBy(x => x.Use.Position)
            .Concat(all.Where(x => x.Use.Position is null && x.Use.Mandatory && !x.Parameter.IsShouldProcessSwitch))
            .Concat(all.Where(x => x.Use.Position is null && !x.Use.Mandatory && !x.Parameter.IsShouldProcessSwitch))
            .Concat(all.Where(x => x.Parameter.IsShouldProcessSwitch));
    }

    private static string Format(ParameterModel p, ParameterUse use)
    {
        if (p.IsSwitch)
        {
            return use.Mandatory ? $"-{p.Name}" : $"[-{p.Name}]";
        }

        string value = p.ValidValues.Count > 0 ? "{" + string.Join(" | ", p.ValidValues) + "}" : $"<{p.FriendlyType}>";
        string name = use.Position is null ? $"-{p.Name}" : $"[-{p.Name}]";
        return use.Mandatory ? $"{name} {value}" : $"[{name} {value}]";
    }
}
