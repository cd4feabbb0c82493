// Checks a store file by file and repairs what readers have to skip. Examining only reads (it never blocks or is
// blocked by writers); repairing holds the store's lock, so no append can slip in between reading a file and
// replacing it, and replaces each file atomically without its unusable lines.
using System.Text.Json;
using ZosTelemetry.Contracts;
using ZosTelemetry.Events;

namespace ZosTelemetry.Store;

public sealed class StoreDoctor
{
    private const UnixFileMode NotPrivate =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly TelemetryStore store;

    public StoreDoctor(TelemetryStore store)
    {
        this.store = store;
    }

    public string Root => store.Root;

    /// <summary>One report per events, sessions, snapshots and leftover file, oldest month first, and the root's own problems.</summary>
    public StoreHealthReport Examine()
    {
        EnsureNotAFile();
        if (!Directory.Exists(Root))
        {
            return new StoreHealthReport(Root, exists: false, mode: null, [], rootNeedsRepair: false, []);
        }

        var rootProblems = new List<string>();
        bool rootNeedsRepair = false;
        string? rootMode = null;
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(Root);
            rootMode = Octal(mode);
            if (StoreOwnership.TryGetOwner(Root, out uint owner, out uint self) && owner != self)
            {
                rootProblems.Add($"the directory belongs to user id {owner}, not to you (user id {self}); writers refuse it");
            }
            else if ((mode & NotPrivate) != 0)
            {
                rootProblems.Add($"the directory's mode is {rootMode}, so other users can reach it; expected 0700");
                rootNeedsRepair = true;
            }
        }

        var grownFacts = new List<string>();
        var strays = Strays(grownFacts);
        foreach (var (path, owner, rootOwner) in ForeignSinkFiles())
        {
            rootProblems.Add($"{path} belongs to user id {owner}, not to the store's owner (user id {rootOwner}); the owner's writers cannot append to it. Ask an administrator to give it back (chown {rootOwner} '{path}').");
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        var files = SinkFiles.AllKinds.SelectMany(k => SinkFiles.List(Root, k)).Where(f => IsRegular(f.Path)).ToList();
        int checkedFiles = 0;

        // Above the spill threshold (estimated from the bytes of the events and sessions files) the cross-checks of
        // session ids go through scratch files instead of a set of ids per file.
        long sessionRows = files.Where(f => f.Kind is SinkKind.Events or SinkKind.Sessions).Sum(f => LengthOf(f.Path)) / 200;
        using var spill = sessionRows > store.SpillThreshold ? new DoctorSessionSpill(sessionRows, store.SpillThreshold) : null;
        ScannedFile Check(SinkFile file, StoreFileKind kind, int index)
        {
            store.Observer?.Progress("Checking the store", checkedFiles++, files.Count);
            store.Observer?.Verbose($"Checking {file.Path}.");
            return Scan(file.Path, kind, now, spill, index);
        }

        var eventFiles = files.Where(f => f.Kind == SinkKind.Events).Select((f, i) => Check(f, StoreFileKind.Events, i)).ToList();
        var sessionFiles = files.Where(f => f.Kind == SinkKind.Sessions).Select((f, i) => Check(f, StoreFileKind.Sessions, i)).ToList();
        var snapshotFiles = files.Where(f => f.Kind == SinkKind.Snapshots).Select((f, i) => Check(f, StoreFileKind.Snapshots, i)).ToList();
        var alertFiles = files.Where(f => f.Kind == SinkKind.Alerts).Select((f, i) => Check(f, StoreFileKind.Alerts, i)).ToList();
        store.Observer?.Progress("Checking the store", files.Count, files.Count);

        long[] withoutSummary, withoutEvents, superseded;
        if (spill is not null)
        {
            (withoutSummary, withoutEvents, superseded) = spill.Count(eventFiles.Count, sessionFiles.Count);
        }
        else
        {
            var summarised = new HashSet<string>(sessionFiles.SelectMany(f => f.Sessions), StringComparer.Ordinal);
            var withEvents = new HashSet<string>(eventFiles.SelectMany(f => f.Sessions), StringComparer.Ordinal);
            withoutSummary = eventFiles.Select(f => (long)f.Sessions.Count(s => !summarised.Contains(s))).ToArray();
            withoutEvents = sessionFiles.Select(f => (long)f.Sessions.Count(s => !withEvents.Contains(s))).ToArray();
            superseded = CountSuperseded(sessionFiles);
        }

        var reports = new List<StoreFileReport>();
        for (int i = 0; i < eventFiles.Count; i++)
        {
            reports.Add(Report(eventFiles[i], StoreFileKind.Events, sessionsWithoutSummary: withoutSummary[i], summariesWithoutEvents: 0, duplicates: 0));
        }

        for (int i = 0; i < sessionFiles.Count; i++)
        {
            var f = sessionFiles[i];
            reports.Add(Report(f, StoreFileKind.Sessions, sessionsWithoutSummary: 0, summariesWithoutEvents: withoutEvents[i], duplicates: superseded[i]));
        }

        foreach (var f in alertFiles)
        {
            reports.Add(Report(f, StoreFileKind.Alerts, sessionsWithoutSummary: 0, summariesWithoutEvents: 0, duplicates: 0));
        }

        foreach (var f in snapshotFiles)
        {
            reports.Add(Report(f, StoreFileKind.Snapshots, sessionsWithoutSummary: 0, summariesWithoutEvents: 0, duplicates: 0));
        }

        foreach (var stray in strays)
        {
            var (mode, isPrivate) = ModeOf(stray.Path);
            reports.Add(new StoreFileReport(stray.Path, StoreFileKind.Leftover, 0, [], 0, 0, 0, mode, isPrivate, stray.Problem));
        }

        return new StoreHealthReport(Root, exists: true, rootMode, rootProblems, rootNeedsRepair, reports) { FileClasses = FileClasses(), GrownFacts = grownFacts };
    }

    /// <summary>Every file and directory directly under the root with its class from the registry ("?" when it declares none).</summary>
    private IReadOnlyList<StoreFileClassReport> FileClasses()
    {
        var registry = ContractRegistry.Embedded;
        return Directory.EnumerateFileSystemEntries(Root).Select(p => (Name: Path.GetFileName(p), Dir: Directory.Exists(p)))
            .Where(e => !AtomicFile.IsTempFile(e.Name))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e =>
            {
                var c = registry.ClassOfFile(e.Dir ? e.Name + "/" : e.Name);
                return new StoreFileClassReport(e.Dir ? e.Name + "/" : e.Name, c?.SensitivityClass ?? "?", c?.TransmissionClass ?? "?");
            }).ToList();
    }

    /// <summary>
    /// Rewrites each file that has unusable lines without them (atomically, under the store's lock), tightens loose
    /// permissions to 0700/0600 and deletes leftovers of killed repairs. Rows of a newer schema are kept.
    /// With file names, only those files are touched; the root's own mode is tightened when fixRootMode is true.
    /// Returns what was done, one result per file changed.
    /// </summary>
    public IReadOnlyList<StoreRepairResult> Repair(IEnumerable<string>? fileNames = null, bool fixRootMode = true)
    {
        EnsureNotAFile();
        if (!Directory.Exists(Root))
        {
            return [];
        }

        StoreOwnership.EnsureOwnedByCurrentUser(Root);
        var only = fileNames?.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        // A lock file another user left (a writer run as root, before writers checked ownership) cannot be opened by the
        // owner, so no writer of the owner's can hold it: it goes before the lock is taken, else no repair could start.
        string lockPath = System.IO.Path.Combine(Root, StoreLock.FileName);
        if (!OperatingSystem.IsWindows() && StoreOwnership.TryGetOwner(Root, out uint rootOwner, out _)
            && UnixFileStatus.TryLStat(lockPath, out var lockStatus) && lockStatus.Owner != rootOwner)
        {
            TryRemove(lockPath);
        }

        using var @lock = StoreLock.Acquire(Root, store.LockTimeout, store.Observer);

        if (!OperatingSystem.IsWindows() && fixRootMode && (File.GetUnixFileMode(Root) & NotPrivate) != 0)
        {
            File.SetUnixFileMode(Root, PrivateFiles.DirectoryMode);
        }

        var results = new List<StoreRepairResult>();
        var files = SinkFiles.AllKinds.SelectMany(k => SinkFiles.List(Root, k))
            .Where(file => (only is null || only.Contains(System.IO.Path.GetFileName(file.Path))) && IsRegular(file.Path))
            .ToList();
        for (int i = 0; i < files.Count; i++)
        {
            store.Observer?.Progress("Repairing the store", i, files.Count);
            store.Observer?.Verbose($"Repairing {files[i].Path}.");
            var kind = files[i].Kind switch
            {
                SinkKind.Events => StoreFileKind.Events,
                SinkKind.Sessions => StoreFileKind.Sessions,
                SinkKind.Alerts => StoreFileKind.Alerts,
                _ => StoreFileKind.Snapshots,
            };
            if (RepairFile(files[i].Path, kind) is { } result)
            {
                store.Observer?.Verbose($"Repaired {files[i].Path}: removed {result.RemovedLines} line(s), kept {result.KeptRows}.");
                results.Add(result);
            }
        }

        store.Observer?.Progress("Repairing the store", files.Count, files.Count);

        foreach (var stray in Strays())
        {
            if ((only is null || only.Contains(System.IO.Path.GetFileName(stray.Path))) && TryRemove(stray.Path))
            {
                results.Add(new StoreRepairResult(stray.Path, StoreFileKind.Leftover, 0, 0, modeFixed: false, deleted: true));
            }
        }

        return results;
    }

    private static StoreRepairResult? RepairFile(string path, StoreFileKind kind)
    {
        bool wasLoose = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & NotPrivate) != 0;
        if (CountRemovable(path, kind) == 0)
        {
            if (!wasLoose || OperatingSystem.IsWindows())
            {
                return null;
            }

            File.SetUnixFileMode(path, PrivateFiles.FileMode);
            return new StoreRepairResult(path, kind, keptRows: 0, removedLines: 0, modeFixed: true, deleted: false);
        }

        // The rewritten file is created 0600, so loose permissions are fixed along with the lines.
        long kept = 0, removed = 0;
        using (var rewrite = AtomicRewrite.Begin(path))
        {
            using (var reader = new JsonlReader(path))
            {
                while (reader.TryReadLine(out var line))
                {
                    if (IsBlank(line))
                    {
                        continue;
                    }

                    if (Classify(line, kind) is null || IsNewerSchema(line))
                    {
                        rewrite.Stream.Write(line);
                        rewrite.Stream.WriteByte((byte)'\n');
                        kept++;
                    }
                    else
                    {
                        removed++;
                    }
                }
            }

            rewrite.Commit();
        }

        return new StoreRepairResult(path, kind, kept, removed, modeFixed: wasLoose, deleted: false);
    }

    private static long CountRemovable(string path, StoreFileKind kind)
    {
        using var reader = OpenReader(path);
        long removable = 0;
        while (reader is not null && reader.TryReadLine(out var line))
        {
            if (!IsBlank(line) && Classify(line, kind) is not null && !IsNewerSchema(line))
            {
                removable++;
            }
        }

        return removable;
    }

    private void EnsureNotAFile()
    {
        if (File.Exists(Root))
        {
            throw new StoreException($"The store root {Root} is a file, not a directory.");
        }
    }

    /// <summary>
    /// What is in the way and a repair removes: temporary files of killed repairs and closes, links and pipes where a
    /// month file belongs, and lock, index or import-state files that belong to another user than the store's owner
    /// (a writer run as root before it checked ownership), which the owner's own writers could not replace.
    /// </summary>
    private List<(string Path, string Problem)> Strays(List<string>? grownFacts = null)
    {
        var strays = new List<(string Path, string Problem)>();
        foreach (string path in Directory.EnumerateFiles(Root, AtomicRewrite.LeftoverPattern))
        {
            strays.Add((path, "the temporary file of a repair that was killed before its rename"));
        }

        string index = System.IO.Path.Combine(Root, SessionIndex.DirectoryName);
        if (Directory.Exists(index))
        {
            foreach (string path in Directory.EnumerateFiles(index, "*.seg.tmp-*"))
            {
                strays.Add((path, "the temporary file of an index segment that a close could not finish (a full disk, a kill)"));
            }

            foreach (string path in new SessionIndex(Root).StaleSegments())
            {
                strays.Add((path, "an index segment that no longer matches its events file (edited by hand?); it would serve stale rows"));
            }

            var staleFacts = Facts.DailyFactsSidecar.Stale(Root, out var grown);
            foreach (string path in staleFacts)
            {
                strays.Add((path, "daily facts that no longer match their events file (replaced, truncated, rewritten, removed or damaged); never read, rebuilt by the next report"));
            }

            foreach (string path in grown)
            {
                store.Observer?.Verbose($"{path}: daily facts of an events file that grew by appends since; healthy, brought up to date on the next read.");
            }

            grownFacts?.AddRange(grown);
        }

        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in SinkFiles.AllKinds.SelectMany(k => SinkFiles.List(Root, k)))
            {
                if (UnixFileStatus.TryLStat(file.Path, out var status) && !status.IsRegular)
                {
                    strays.Add((file.Path, $"{status.Describe()} where a month file belongs; readers and writers refuse it"));
                }
            }

            foreach (var (path, owner) in StoreOwnership.ForeignEntries(Root, out uint rootOwner))
            {
                if (!IsSinkFile(path) && !strays.Exists(s => s.Path == path))
                {
                    strays.Add((path, $"belongs to user id {owner}, not to the store's owner (user id {rootOwner}); the owner's writers cannot replace it"));
                }
            }
        }

        strays.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        // Inside a directory that goes as a whole (another user's .index/), the entries need no line of their own.
        return strays.Where(s => !strays.Exists(d => s.Path.StartsWith(d.Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))).ToList();
    }

    private IEnumerable<(string Path, uint Owner, uint RootOwner)> ForeignSinkFiles()
    {
        if (OperatingSystem.IsWindows())
        {
            yield break;
        }

        foreach (var (path, owner) in StoreOwnership.ForeignEntries(Root, out uint rootOwner))
        {
            if (IsSinkFile(path) && IsRegular(path))
            {
                yield return (path, owner, rootOwner);
            }
        }
    }

    private bool IsSinkFile(string path) =>
        System.IO.Path.GetDirectoryName(path) == Root
        && SinkFiles.AllKinds.Any(k => SinkFiles.List(Root, k).Any(f => f.Path == path));

    private static bool IsRegular(string path) =>
        OperatingSystem.IsWindows() || !UnixFileStatus.TryLStat(path, out var status) || status.IsRegular;

    /// <summary>Removes a stray: a file, link or pipe itself (never what a link points at), or a directory with its contents.</summary>
    private static bool TryRemove(string path)
    {
        try
        {
            if (!OperatingSystem.IsWindows() && UnixFileStatus.TryLStat(path, out var status) && status.IsDirectory)
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // reported again by the next examination
        }
    }

    private sealed class ScannedFile(string path)
    {
        public string Path { get; } = path;

        public long Rows { get; set; }

        public List<SkippedLine> Skipped { get; } = [];

        public List<SkippedLine> ContractViolations { get; } = [];

        public HashSet<string> Sessions { get; } = new(StringComparer.Ordinal);

        /// <summary>Sessions files: every usable summary row in file order, for finding superseded ones.</summary>
        public List<(string SessionId, DateTimeOffset ClosedAt)> Summaries { get; } = [];
    }

    private static long LengthOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static ScannedFile Scan(string path, StoreFileKind kind, DateTimeOffset now, DoctorSessionSpill? spill, int index)
    {
        var scanned = new ScannedFile(path);
        using var reader = OpenReader(path);
        if (reader is null)
        {
            return scanned;
        }

        while (reader.TryReadLine(out var line))
        {
            if (IsBlank(line))
            {
                continue;
            }

            if (kind == StoreFileKind.Events)
            {
                if (RowCodec.TryParseEvent(line, out var e, out string? reason))
                {
                    scanned.Rows++;
                    if (spill is null)
                    {
                        scanned.Sessions.Add(e!.SessionId);
                    }
                    else
                    {
                        spill.Event(index, e!.SessionId);
                    }

                    Flag(scanned, reader, ContractCheck.EventViolation(e, now));
                    continue;
                }

                scanned.Skipped.Add(Skip(reader, line, reason!));
            }
            else if (kind == StoreFileKind.Alerts)
            {
                if (RowCodec.TryParseAlert(line, out var a, out string? reason))
                {
                    scanned.Rows++;
                    scanned.Sessions.Add(a!.SessionId);
                    continue;
                }

                scanned.Skipped.Add(Skip(reader, line, reason!));
            }
            else if (kind == StoreFileKind.Snapshots)
            {
                if (SnapshotRowCodec.TryParse(line, out _, out string? reason))
                {
                    scanned.Rows++;
                    continue;
                }

                scanned.Skipped.Add(Skip(reader, line, reason!));
            }
            else
            {
                if (RowCodec.TryParseSession(line, out var s, out string? reason))
                {
                    scanned.Rows++;
                    if (spill is null)
                    {
                        scanned.Sessions.Add(s!.SessionId);
                        scanned.Summaries.Add((s.SessionId, s.ClosedAt));
                    }
                    else
                    {
                        spill.Summary(index, s!.SessionId, s.ClosedAt.UtcTicks, (int)Math.Min(scanned.Rows - 1, int.MaxValue));
                    }

                    Flag(scanned, reader, ContractCheck.SessionViolation(s!));
                    continue;
                }

                scanned.Skipped.Add(Skip(reader, line, reason!));
            }
        }

        return scanned;
    }

    /// <summary>A usable row that breaks the contract is flagged, not removed: readers use it, and repair keeps it.</summary>
    private static void Flag(ScannedFile scanned, JsonlReader reader, string? violation)
    {
        if (violation is not null)
        {
            scanned.ContractViolations.Add(new SkippedLine(reader.LineNumber, violation, KeptByRepair: true));
        }
    }

    private static SkippedLine Skip(JsonlReader reader, ReadOnlySpan<byte> line, string reason) =>
        new(reader.LineNumber, reader.LastLineUnterminated ? "torn last line (a writer stopped mid-row): " + reason : reason, IsNewerSchema(line));

    /// <summary>Null when the line is a usable row of the kind, else why not.</summary>
    private static string? Classify(ReadOnlySpan<byte> line, StoreFileKind kind)
    {
        string? reason;
        bool usable = kind switch
        {
            StoreFileKind.Events => RowCodec.TryParseEvent(line, out _, out reason),
            StoreFileKind.Alerts => RowCodec.TryParseAlert(line, out _, out reason),
            StoreFileKind.Snapshots => SnapshotRowCodec.TryParse(line, out _, out reason),
            _ => RowCodec.TryParseSession(line, out _, out reason),
        };
        return usable ? null : reason;
    }

    /// <summary>A well-formed JSON object whose top-level schema is newer than this version writes.</summary>
    private static bool IsNewerSchema(ReadOnlySpan<byte> line)
    {
        try
        {
            var r = new Utf8JsonReader(line);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            bool newer = false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                bool isSchema = r.ValueTextEquals("schema"u8);
                r.Read();
                if (isSchema)
                {
                    newer = r.TokenType == JsonTokenType.Number && r.TryGetInt32(out int schema) && schema > TelemetryEvent.CurrentSchema;
                }
                else
                {
                    r.Skip();
                }
            }

            return newer && r.TokenType == JsonTokenType.EndObject && !r.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Per sessions file, how many of its rows a later row of the same session supersedes (the rule readers apply).</summary>
    private static long[] CountSuperseded(List<ScannedFile> sessionFiles)
    {
        var latest = new Dictionary<string, (int File, int Row, DateTimeOffset ClosedAt)>(StringComparer.Ordinal);
        for (int f = 0; f < sessionFiles.Count; f++)
        {
            var rows = sessionFiles[f].Summaries;
            for (int i = 0; i < rows.Count; i++)
            {
                if (!latest.TryGetValue(rows[i].SessionId, out var seen) || rows[i].ClosedAt >= seen.ClosedAt)
                {
                    latest[rows[i].SessionId] = (f, i, rows[i].ClosedAt);
                }
            }
        }

        var counts = new long[sessionFiles.Count];
        for (int f = 0; f < sessionFiles.Count; f++)
        {
            var rows = sessionFiles[f].Summaries;
            for (int i = 0; i < rows.Count; i++)
            {
                var winner = latest[rows[i].SessionId];
                if (winner.File != f || winner.Row != i)
                {
                    counts[f]++;
                }
            }
        }

        return counts;
    }

    private static StoreFileReport Report(ScannedFile f, StoreFileKind kind, long sessionsWithoutSummary, long summariesWithoutEvents, long duplicates)
    {
        var (mode, isPrivate) = ModeOf(f.Path);
        return new StoreFileReport(f.Path, kind, f.Rows, f.Skipped, sessionsWithoutSummary, summariesWithoutEvents, duplicates, mode, isPrivate)
        {
            ContractViolations = f.ContractViolations,
        };
    }

    private static (string? Mode, bool IsPrivate) ModeOf(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return (null, true);
        }

        try
        {
            var mode = File.GetUnixFileMode(path);
            return (Octal(mode), (mode & NotPrivate) == 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, true);
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t"u8).IsEmpty;

    private static JsonlReader? OpenReader(string path)
    {
        try
        {
            return new JsonlReader(path);
        }
        catch (FileNotFoundException)
        {
            return null; // removed between listing and opening
        }
    }
}
