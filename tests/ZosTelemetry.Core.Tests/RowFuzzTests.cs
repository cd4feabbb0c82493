// Randomised input, seeded (FuzzSeed: fixed in CI, ZOS_FUZZ_SEED=random locally): thousands of generated events and
// mutated rows. The validator either accepts or refuses with a TelemetryValidationException, never anything else;
// every accepted event is written as a row the store reads back unchanged; the row parsers and the readers never
// throw on any line, and account for every line as a row or a skipped line.
using System.Buffers;
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class RowFuzzTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private static byte[] Serialise(TelemetryEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        RowCodec.WriteEvent(buffer, e);
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Validate_RandomEvents_AcceptedOnesRoundTripRefusedOnesThrowOnlyValidationErrors()
    {
        var rows = new RandomRows(FuzzSeed.Value);
        int cases = FuzzSeed.Cases(5000), accepted = 0;
        for (int i = 0; i < cases; i++)
        {
            var e = rows.Event(Make.Now);
            TelemetryEvent valid;
            try
            {
                valid = EventValidator.Validate(e, Make.Now);
            }
            catch (TelemetryValidationException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Field), $"case {i}: a refusal without a field ({FuzzSeed.Describe})");
                Assert.DoesNotContain('\n', ex.Message);
                continue;
            }
            catch (Exception ex)
            {
                Assert.Fail($"case {i}: the validator threw {ex.GetType().Name}: {ex.Message} ({FuzzSeed.Describe})");
                throw;
            }

            accepted++;
            byte[] line = Serialise(valid);
            Assert.True(RowCodec.TryParseEvent(line, out var read, out string? reason), $"case {i}: an accepted event was written as a row that cannot be read: {reason} ({FuzzSeed.Describe})");
            Assert.Equal(line, Serialise(read!));
        }

        // Both sides of the validator must be exercised, or the generator has drifted.
        Assert.InRange(accepted, cases / 50, cases - (cases / 50));
        ReliabilityFigures.Record("fuzz-validator", $"{cases} random events ({FuzzSeed.Describe}): {accepted} accepted and read back byte for byte, {cases - accepted} refused with a TelemetryValidationException, 0 other exceptions");
    }

    [Fact]
    public void Append_RandomEvents_EveryAcceptedEventIsReadBackAndNothingElseIsWritten()
    {
        var rows = new RandomRows(FuzzSeed.Value + 1);
        var warnings = new List<StoreWarning>();
        var store = new TelemetryStore(temp.Path, warnings.Add, () => Make.Now);
        int cases = FuzzSeed.Cases(2000), accepted = 0;
        for (int i = 0; i < cases; i += 4)
        {
            // Batches of four: a batch with one refused event must write none of the four.
            var batch = Enumerable.Range(0, 4).Select(_ => rows.Event(Make.Now)).ToList();
            try
            {
                accepted += store.Append(batch).Count;
            }
            catch (TelemetryValidationException)
            {
            }
        }

        Assert.Equal(accepted, store.ReadEvents().Count());
        Assert.Empty(warnings);
        Assert.True(accepted > 0, FuzzSeed.Describe);
        ReliabilityFigures.Record("fuzz-append", $"{cases} random events in batches of 4 ({FuzzSeed.Describe}): {accepted} appended, {accepted} read back, 0 unreadable");
    }

    [Fact]
    public void TryParse_MutatedRows_NeverThrowAndUsableRowsReserialise()
    {
        var rows = new RandomRows(FuzzSeed.Value + 2);
        int cases = FuzzSeed.Cases(5000), usable = 0;
        for (int i = 0; i < cases; i++)
        {
            bool session = rows.Next(3) == 0;
            byte[] line = rows.MutatedLine(session);
            try
            {
                if (session)
                {
                    usable += RowCodec.TryParseSession(line, out var s, out string? reason) ? 1 : 0;
                    Assert.True(s is not null || reason is not null);
                }
                else if (RowCodec.TryParseEvent(line, out var e, out string? reason))
                {
                    usable++;
                    Assert.True(RowCodec.TryParseEvent(Serialise(e!), out _, out _), $"case {i}: a row read from the store could not be written back ({FuzzSeed.Describe})");
                }
                else
                {
                    Assert.False(string.IsNullOrEmpty(reason));
                }
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"case {i}: parsing threw {ex.GetType().Name}: {ex.Message} on {Convert.ToBase64String(line)} ({FuzzSeed.Describe})");
            }
        }

        Assert.InRange(usable, 1, cases - 1);
        ReliabilityFigures.Record("fuzz-rows", $"{cases} mutated rows ({FuzzSeed.Describe}): {usable} still usable, {cases - usable} refused with a reason, 0 exceptions");
    }

    [Fact]
    public void Readers_FileOfMutatedRows_NeverThrowAndAccountForEveryLine()
    {
        var rows = new RandomRows(FuzzSeed.Value + 3);
        int cases = FuzzSeed.Cases(3000);
        using (var eventsFile = File.Create(Path.Combine(temp.Path, "events-2026-06.jsonl")))
        using (var sessionsFile = File.Create(Path.Combine(temp.Path, "sessions-2026-06.jsonl")))
        {
            for (int i = 0; i < cases; i++)
            {
                bool session = rows.Next(3) == 0;
                var target = session ? sessionsFile : eventsFile;
                target.Write(rows.Next(4) == 0 ? Encoding.UTF8.GetBytes(rows.ValidLine(session)) : rows.MutatedLine(session));
                target.Write(rows.Next(10) == 0 ? "\r\n"u8 : "\n"u8);
            }
        }

        var warnings = new List<StoreWarning>();
        var store = new TelemetryStore(temp.Path, warnings.Add, () => Make.Now);
        store.ReadSessions();
        warnings.Clear();
        int events = store.ReadEvents().Count();
        int summaries = store.ReadSessionRows().Count();
        var report = new StoreDoctor(store).Examine();

        long nonBlank = Directory.GetFiles(temp.Path, "*.jsonl").Sum(NonBlankLines);
        Assert.Equal(nonBlank, report.Rows + report.SkippedRows);
        Assert.Equal(events + summaries, report.Rows);
        Assert.Equal(warnings.Count, report.SkippedRows);

        new StoreDoctor(store).Repair();
        warnings.Clear();
        Assert.Equal(events, store.ReadEvents().Count());
        Assert.Equal(summaries, store.ReadSessionRows().Count());
        Assert.All(warnings, w => Assert.Contains("newer than this version", w.Reason, StringComparison.Ordinal));
        ReliabilityFigures.Record("fuzz-files", $"{cases} lines of valid and mutated rows in two files ({FuzzSeed.Describe}): {report.Rows} rows read, {report.SkippedRows} skipped with a warning, 0 exceptions; repair kept all {report.Rows}");
    }

    /// <summary>Lines as the store counts them: split at LF, one trailing CR dropped, blank when only spaces and tabs remain.</summary>
    private static long NonBlankLines(string path) =>
        Encoding.Latin1.GetString(File.ReadAllBytes(path)).Split('\n')
            .Select(l => l.EndsWith('\r') ? l[..^1] : l)
            .Count(l => l.Trim(' ', '\t').Length > 0);
}
