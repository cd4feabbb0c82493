// A reset empties the import bookkeeping with the rows it describes: otherwise a re-import after a reset finds every
// log already read (import-state.json) and every event already stored (import-seen.bin), and silently adds nothing.
using ZosTelemetry.Import;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class ResetImportBookkeepingTests : IDisposable
{
    private readonly ImportFixture fx = new();

    public void Dispose() => fx.Dispose();

    [Fact]
    public void Reset_AfterImport_RemovesStateAndSeenKeysAndSaysSo()
    {
        fx.Import(LogSource.Codex);
        Assert.True(File.Exists(Path.Combine(fx.StoreRoot, ImportState.FileName)));
        Assert.True(File.Exists(Path.Combine(fx.StoreRoot, ImportSeenSet.FileName)));

        var plan = StoreReset.Plan(fx.Store);
        var result = StoreReset.Reset(fx.Store);

        Assert.Equal(2, plan.ImportFiles);
        Assert.Equal(2, result.ImportFiles);
        Assert.Contains("import bookkeeping", result.ImportNote, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(fx.StoreRoot, ImportState.FileName)));
        Assert.False(File.Exists(Path.Combine(fx.StoreRoot, ImportSeenSet.FileName)));
    }

    [Fact]
    public void Import_AfterReset_AddsEverythingAgain()
    {
        var first = fx.Import(LogSource.Codex);
        StoreReset.Reset(fx.Store);

        var again = fx.Import(LogSource.Codex);

        Assert.True(first.EventsAdded > 0);
        Assert.Equal(first.EventsAdded, again.EventsAdded);
        Assert.Equal(first.EventsAdded, fx.Events().Count);
    }
}
