// One line of a store file that readers skip: where it is, why, and whether a repair keeps it. Lines of a newer
// schema are kept (a newer version of the tool wrote them and will read them); every other unusable line is removed.
namespace ZosTelemetry.Store;

public sealed record SkippedLine(long Line, string Reason, bool KeptByRepair)
{
    public override string ToString() => $"line {Line}: {Reason}{(KeptByRepair ? " (kept by repair)" : "")}";
}
