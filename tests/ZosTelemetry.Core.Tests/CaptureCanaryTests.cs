// No content, provably, through the core's capture path: thousands of generated user messages with unique canary
// words go through CorrectionDetector.Markers and TelemetryStore.Append exactly as Add-TelemetryEvent -MarkText (and
// a piped object's Text property, its alias) calls them, sessions are closed, and no canary is found in any byte
// under the root. The CLI's --mark-stdin is proven the same way in the CLI tests, and the cmdlet itself by Pester.
using ZosTelemetry.Detection;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class CaptureCanaryTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void MarkText_ThousandsOfMessagesWithCanaries_NoCanaryUnderTheRoot()
    {
        var messages = CanaryMessages.Generate(FuzzSeed.Cases(2000), FuzzSeed.Value).ToList();
        string root = temp.Combine("store");
        var store = new TelemetryStore(root, clock: () => Make.Now);
        int corrections = 0;
        for (int i = 0; i < messages.Count; i++)
        {
            // What AddTelemetryEventCommand.ProcessRecord builds for -MarkText / a piped Text property.
            var e = new TelemetryEvent
            {
                Timestamp = Make.Now.AddMinutes(-messages.Count + i), SessionId = $"canary-{i / 100}", System = "claude-code",
                Kind = EventKinds.UserMessage, Markers = [.. CorrectionDetector.Markers(messages[i].Text)],
            };
            corrections += store.Append(e).IsCorrection ? 1 : 0;
        }

        foreach (string session in store.ReadEvents().Select(e => e.SessionId).Distinct().ToList())
        {
            store.Close(session);
        }

        byte[] everything = CanaryMessages.AllBytesUnder(root);
        Assert.Empty(CanaryMessages.FoundIn(everything, messages));
        Assert.Equal(messages.Count, store.ReadEvents().Count());
        ReliabilityFigures.Record("canary-core", $"{messages.Count} messages, {messages.Count * 2} canaries through CorrectionDetector.Markers and Append (the -MarkText path), {corrections} corrections scored, 0 canaries under the root");
        Assert.True(corrections > messages.Count / 4, $"only {corrections} of {messages.Count} messages were scored as corrections: the detector did not run ({FuzzSeed.Describe})");
    }

    [Fact]
    public void FoundIn_CanaryWrittenToAFile_IsFound()
    {
        // The search itself must work, or the test above would pass vacuously.
        var message = CanaryMessages.Generate(1, FuzzSeed.Value).Single();
        File.WriteAllText(temp.Combine("leak.jsonl"), "{\"text\":\"" + message.Canaries[1] + "\"}\n");
        File.WriteAllText(temp.Combine("leak16.txt"), "x" + message.Canaries[0], System.Text.Encoding.Unicode);

        Assert.Equal(message.Canaries.Order(StringComparer.Ordinal), CanaryMessages.FoundIn(CanaryMessages.AllBytesUnder(temp.Path), [message]).Order(StringComparer.Ordinal));
    }
}
