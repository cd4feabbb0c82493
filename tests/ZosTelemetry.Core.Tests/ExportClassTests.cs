// Export of the row types without kinds (sessions, snapshots, alerts) follows one rule: their registry family's
// transmission class decides whether rows leave, and a content-bearing (S3) family stops the export.
using System.Text.Json.Nodes;
using ZosTelemetry.Alerts;
using ZosTelemetry.Contracts;
using ZosTelemetry.Export;
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Tests;

public sealed class ExportClassTests
{
    private static ContractRegistry With(string family, string field, string value)
    {
        var root = JsonNode.Parse(ContractRegistry.Embedded.Json)!;
        root["families"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == family)![field] = value;
        return ContractRegistry.Parse(root.ToJsonString());
    }

    private static readonly TelemetryAlert Alert = new() { Timestamp = Make.Now, SessionId = "s1", System = "sys", Type = "loop", Severity = "warning", Count = 9 };

    [Fact]
    public void WriteAlerts_ContentBearingFamily_StopsTheExport() =>
        Assert.Throws<ContractViolationException>(() => TelemetryExport.WriteAlerts(new MemoryStream(), ExportFormat.Csv, [Alert], With("alerts", "sensitivity_class", "S3")));

    [Fact]
    public void WriteAlerts_LocalOnlyFamily_WritesNothing()
    {
        var output = new MemoryStream();

        Assert.Equal(0, TelemetryExport.WriteAlerts(output, ExportFormat.Csv, [Alert], With("alerts", "transmission_class", "local_only")));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void WriteSessions_LocalOnlyFamily_WritesNothing()
    {
        var output = new MemoryStream();
        var s = new SessionSummary { SessionId = "s1", System = "sys", FirstTimestamp = Make.Now, LastTimestamp = Make.Now, ClosedAt = Make.Now };

        Assert.Equal(0, TelemetryExport.WriteSessions(output, ExportFormat.Json, [s], With("session_summary", "transmission_class", "local_only")));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void WriteAlerts_EmbeddedRegistry_WritesTheRow() =>
        Assert.Equal(1, TelemetryExport.WriteAlerts(new MemoryStream(), ExportFormat.Csv, [Alert]));
}
