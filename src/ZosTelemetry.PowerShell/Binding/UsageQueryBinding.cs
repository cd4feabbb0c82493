// The parameters the usage cmdlets share, turned into the core's query: dates are taken as calendar dates (the time
// of day is ignored), the time zone by IANA name, "UTC" or "local".
using ZosTelemetry.Reports;

namespace ZosTelemetry.PowerShell.Binding;

internal static class UsageQueryBinding
{
    public static UsageQuery Query(string? system, DateTime? since, DateTime? until, string? timeZone) => new()
    {
        System = system,
        Since = since is DateTime s ? DateOnly.FromDateTime(s) : null,
        Until = until is DateTime u ? DateOnly.FromDateTime(u) : null,
        TimeZone = ReportArguments.ParseTimeZone(timeZone),
    };
}
