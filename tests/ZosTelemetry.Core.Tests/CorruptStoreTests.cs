// Corrupt stores are read, not fatal: damage found by the randomised tests, pinned down one case at a time.
using System.Text;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class CorruptStoreTests : IDisposable
{
    private readonly TempRoot temp = new();
    private readonly List<StoreWarning> warnings = [];

    public void Dispose() => temp.Dispose();

    private TelemetryStore NewStore() => new(temp.Path, warnings.Add, () => Make.Now);

    private static byte[] WithInvalidUtf8(string row, string insideValue)
    {
        // A flipped bit in a stored string: 0xC3 0x28 is not UTF-8.
        byte[] bytes = Encoding.UTF8.GetBytes(row);
        byte[] needle = Encoding.UTF8.GetBytes(insideValue);
        int at = bytes.AsSpan().IndexOf(needle);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        return bytes;
    }

    [Fact]
    public void ReadEvents_StringWithInvalidUtf8_SkippedWithWarningNotThrown()
    {
        var store = NewStore();
        store.Append(Make.Event(sessionId: "before"));
        string path = Path.Combine(temp.Path, "events-2026-06.jsonl");
        using (var f = new FileStream(path, FileMode.Append))
        {
            f.Write(WithInvalidUtf8(File.ReadAllLines(path)[0], "claude-code"));
            f.Write("\n"u8);
        }

        store.Append(Make.Event(sessionId: "after"));

        Assert.Equal(["before", "after"], store.ReadEvents().Select(e => e.SessionId));
        var warning = Assert.Single(warnings);
        Assert.Equal(2, warning.Line);
        Assert.Contains("not valid UTF-8", warning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSessions_StringWithInvalidUtf8_SkippedWithWarningNotThrown()
    {
        var store = NewStore();
        store.Append(Make.Event(sessionId: "s1"));
        store.Close("s1");
        string path = Directory.GetFiles(temp.Path, "sessions-*.jsonl").Single();
        File.WriteAllBytes(path, [.. File.ReadAllBytes(path), .. WithInvalidUtf8(File.ReadAllLines(path)[0], "claude-code"), (byte)'\n']);

        Assert.Single(store.ReadSessionRows());
        Assert.Contains("not valid UTF-8", Assert.Single(warnings).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Examine_StringWithInvalidUtf8_CountedAsSkipped()
    {
        File.WriteAllBytes(Path.Combine(temp.Path, "events-2026-06.jsonl"),
            [.. WithInvalidUtf8("""{"schema":1,"ts":"2026-06-10T12:00:00Z","session_id":"s1","system":"claude-code","kind":"user_message"}""", "claude-code"), (byte)'\n']);

        var f = Assert.Single(new StoreDoctor(NewStore()).Examine().Files);

        Assert.Equal(0, f.Rows);
        Assert.Contains("not valid UTF-8", Assert.Single(f.Skipped).Reason, StringComparison.Ordinal);
    }
}
