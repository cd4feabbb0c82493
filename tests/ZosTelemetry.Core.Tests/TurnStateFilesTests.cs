// The repeat signal's only stored state for hook capture: one small fingerprint file per session, with no text.
using System.Text;
using ZosTelemetry.Detection;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class TurnStateFilesTests
{
    [Fact]
    public void Detect_RestatedTurnInALaterProcess_MarksRepeat()
    {
        using var temp = new TempRoot();
        TurnStateFiles.Detect(temp.Path, "s1", "add a retry to the upload function", 2);

        var result = TurnStateFiles.Detect(temp.Path, "s1", "please add a retry to the upload function", 2);

        Assert.Contains(CorrectionMarkers.Repeat, result.Markers);
    }

    [Fact]
    public void Detect_AnyTurn_StoresOnlyAFingerprintWithNoTextInAnyEncoding()
    {
        using var temp = new TempRoot();
        string text = "rename Quillfeather to Marmalade2210 in the payroll module please";

        TurnStateFiles.Detect(temp.Path, "canary-session", text, 2);

        string file = Assert.Single(Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories));
        byte[] bytes = File.ReadAllBytes(file);
        Assert.True(bytes.Length <= 17 + (2 * TurnFingerprint.MaxShingles));
        foreach (string word in new[] { "Quillfeather", "Marmalade2210", "payroll", "canary-session", "quillfeather" })
        {
            Assert.DoesNotContain(word, Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(word, Encoding.Unicode.GetString(bytes), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Detect_VersionOne_WritesNoState()
    {
        using var temp = new TempRoot();

        TurnStateFiles.Detect(temp.Path, "s1", "add a retry to the upload function", 1);

        Assert.False(Directory.Exists(Path.Combine(temp.Path, TurnStateFiles.DirectoryName)));
    }

    [Fact]
    public void Close_Session_DeletesItsTurnState()
    {
        using var temp = new TempRoot();
        var store = new TelemetryStore(temp.Path);
        var result = TurnStateFiles.Detect(temp.Path, "s1", "add a retry to the upload function", 2);
        store.Append(new TelemetryEvent { SessionId = "s1", System = "a", Kind = EventKinds.UserMessage, Timestamp = DateTimeOffset.UtcNow, Markers = CorrectionDetector.MarkersToStore(result) });
        Assert.True(File.Exists(TurnStateFiles.PathOf(temp.Path, "s1")));

        store.Close("s1");

        Assert.False(File.Exists(TurnStateFiles.PathOf(temp.Path, "s1")));
    }
}
