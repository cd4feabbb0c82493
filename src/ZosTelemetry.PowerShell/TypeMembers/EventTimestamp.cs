// The Timestamp an event shows PowerShell: a CodeProperty over the CLR property of the same name, added to the
// runspace's type table by the cmdlets that emit events, the first time they run (Register). Export-Csv and
// ConvertTo-Csv write a property as its value's PSObject.ToString(), which for a plain [DateTimeOffset] is the current
// culture's text to the second: the milliseconds were lost and the CSV read differently on a machine with another date
// order. The value handed out is the same DateTimeOffset, wrapped with an
// instance ToString that writes the store's own ISO-8601 text (the CLI's export writes the same), so
// `Get-TelemetryEvent | Export-Csv` round-trips through `Import-Csv | Add-TelemetryEvent` exactly. Comparisons,
// Sort-Object, ConvertTo-Json and [DateTimeOffset] casts see through the wrapper; only this one type is touched, never
// DateTimeOffset itself, so no other module's values change.
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Runtime.CompilerServices;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.TypeMembers;

public static class EventTimestamp
{
    private static readonly MethodInfo IsoText = typeof(EventTimestamp).GetMethod(nameof(ToIsoText))!;
    private static readonly ConditionalWeakTable<Runspace, object> Registered = new();

    /// <summary>
    /// Adds the member to the cmdlet's runspace once, before its first event goes out. Not a types.ps1xml in the
    /// manifest: processing one made every Import-Module 15-20 ms slower (medians 84 against 64 ms of
    /// `Measure-Command { Import-Module }`, 15 interleaved fresh pwsh 7.6.10 processes, 2026-12-06), for a member only
    /// the users of two cmdlets meet.
    /// </summary>
    public static void Register(PSCmdlet cmdlet)
    {
        var runspace = Runspace.DefaultRunspace;
        if (runspace is null || Registered.TryGetValue(runspace, out _))
        {
            return;
        }

        var data = new TypeData(typeof(TelemetryEvent));
        data.Members.Add("Timestamp", new CodePropertyData("Timestamp", typeof(EventTimestamp).GetMethod(nameof(Get))));
        cmdlet.InvokeCommand.InvokeScript(false, ScriptBlock.Create("param($data) Update-TypeData -TypeData $data -Force"), null, data);
        Registered.AddOrUpdate(runspace, data);
    }

    /// <summary>The CodeProperty getter of TelemetryEvent.Timestamp.</summary>
    public static object Get(PSObject instance)
    {
        var timestamp = PSObject.AsPSObject(((TelemetryEvent)instance.BaseObject).Timestamp);
        timestamp.Members.Add(new PSCodeMethod("ToString", IsoText));
        return timestamp;
    }

    /// <summary>
    /// The wrapped timestamp's ToString: without arguments Iso8601.Format (UTC, milliseconds when present); with a
    /// format and/or a provider, DateTimeOffset's own overloads, so `$e.Timestamp.ToString('yyyy-MM-dd')` still works.
    /// </summary>
    public static string ToIsoText(PSObject instance, params object?[] args)
    {
        var ts = (DateTimeOffset)instance.BaseObject;
        return args switch
        {
            [] => Iso8601.Format(ts),
            [string format] => ts.ToString(format),
            [IFormatProvider provider] => ts.ToString(provider),
            [string format, IFormatProvider provider] => ts.ToString(format, provider),
            [null, IFormatProvider provider] => ts.ToString(null, provider),
            _ => throw new MethodException("ToString takes no argument, a format, a format provider, or both."),
        };
    }
}
