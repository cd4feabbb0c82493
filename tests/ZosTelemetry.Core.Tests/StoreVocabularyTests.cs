// The values tab completion offers come from the store: session ids newest first, models, contexts and kinds.
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class StoreVocabularyTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Values_FromSummariesAndRecentEvents()
    {
        var store = new TelemetryStore(temp.Combine("store"), clock: () => Make.Now);
        store.Append(
        [
            Make.Event(sessionId: "old", model: "m-1", context: "repo-a", ts: Make.Now.AddHours(-3)),
            Make.Event(sessionId: "new", model: "m-2", context: "repo-b", kind: "tool_call", ts: Make.Now.AddHours(-2)),
            Make.Event(sessionId: "open", ts: Make.Now.AddHours(-1)),
        ]);
        store.Close("old");
        store.Close("new");

        Assert.Equal(["new", "old", "open"], StoreVocabulary.SessionIds(store));
        Assert.Equal(["m-1", "m-2"], StoreVocabulary.Models(store));
        Assert.Equal(["repo-a", "repo-b"], StoreVocabulary.Contexts(store));
        Assert.Equal([EventKinds.UserMessage, EventKinds.AssistantMessage, "tool_call"], StoreVocabulary.Kinds(store));
    }
}
