// Importing agent runs: tool results carry the tool's name and ok, API errors their category and fingerprint, the
// session rows their tool and error figures with no outcome (the logs do not say one); and the canary words of the
// fixtures' error texts and tool arguments reach nothing under the store root.
using ZosTelemetry.Events;
using ZosTelemetry.Import;

namespace ZosTelemetry.Tests;

public sealed class AgentImportTests : IDisposable
{
    private readonly ImportFixture fx = new();

    public void Dispose() => fx.Dispose();

    [Fact]
    public void ImportClaudeCode_ToolResults_CarryTheToolNameAndOk()
    {
        fx.Import(LogSource.ClaudeCode);
        var results = fx.Events("tool_result");

        Assert.Contains(results, e => e.Tool == "Read" && e.Ok == true);
        Assert.Contains(results, e => e.Tool == "Bash" && e.Ok == false && e.Markers.Contains(ImportedMarkers.ToolError));
        Assert.All(results, e => Assert.NotNull(e.Ok));
    }

    [Fact]
    public void ImportClaudeCode_ApiError_IsClassifiedAndItsTextDropped()
    {
        fx.Import(LogSource.ClaudeCode);
        var error = Assert.Single(fx.Events("api_error"));
        Assert.Equal(ErrorCategories.ApiError, error.ErrorCategory);
        Assert.Matches("^[0-9a-f]{12}$", error.ErrorFingerprint!);
    }

    [Fact]
    public void ImportClaudeCode_SessionRows_HaveToolAndErrorFiguresAndNoOutcome()
    {
        fx.Import(LogSource.ClaudeCode);
        var shop = fx.Store.ReadSessions().Single(s => s.SessionId.EndsWith("a01", StringComparison.Ordinal));
        Assert.True(shop.ToolCalls > 0);
        Assert.True(shop.ToolFailures >= 1);
        Assert.Equal(1, shop.ErrorsByCategory!["api_error"]);
        Assert.Null(shop.Outcome);
        Assert.Null(shop.FirstShotSuccess);
        Assert.Null(shop.Attempts);
        Assert.Equal(0, shop.Alerts);
    }

    [Fact]
    public void ImportCodex_ToolOutputsAndErrors_AreNamedAndClassified()
    {
        fx.Import(LogSource.Codex);
        Assert.Contains(fx.Events("tool_result"), e => e.Tool == "shell" && e.Ok == false);
        Assert.Contains(fx.Events("api_error"), e => e.ErrorCategory == ErrorCategories.ApiError && e.ErrorFingerprint is not null);
        Assert.All(fx.Store.ReadSessions(), s => Assert.Null(s.Outcome));
    }

    [Fact]
    public void Import_BothSources_NoErrorTextOrToolArgumentUnderTheStoreRoot()
    {
        fx.Import(LogSource.ClaudeCode);
        fx.Import(LogSource.Codex);
        string stored = fx.EverythingStored();

        // Error texts (Clementine4411, Papaya8989), tool arguments (checkout.py, pytest, the Task prompt) and outputs.
        foreach (string canary in ImportFixture.Canaries.Concat(["pytest", "find the tax module", "Overloaded", "stream disconnected", "1,80p"]))
        {
            Assert.DoesNotContain(canary, stored, StringComparison.Ordinal);
        }
    }
}
