// The importer's identities: XXH64 against the reference implementation's values, and event ids that carry their keys
// so that a lost import state can be rebuilt from the store.
using System.Text;
using ZosTelemetry.Import;

namespace ZosTelemetry.Tests;

public sealed class ImportKeysTests
{
    [Theory]
    [InlineData("", 0UL, 0xef46db3751d8e999UL)]
    [InlineData("abc", 0UL, 0x44bc2cf5ad770999UL)]
    [InlineData("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", 7UL, 0x040c760c08ac7a75UL)]
    public void Xxh64_KnownInputs_GiveTheReferenceValues(string input, ulong seed, ulong expected)
    {
        // Reference values from python3-xxhash 3.2.0 (xxhash.xxh64(input, seed)).
        Assert.Equal(expected, Xxh64.Hash(Encoding.ASCII.GetBytes(input), seed));
    }

    [Fact]
    public void Make_SameParts_SameIdOnEveryRun()
    {
        var (id, key) = ImportKeys.Make("cc:m:", "msg_1", "req_1");

        Assert.Equal(ImportKeys.Make("cc:m:", "msg_1", "req_1").EventId, id);
        Assert.Matches("^cc:m:[0-9a-f]{24}$", id);
        Assert.True(ImportKeys.TryKeysOfEventId(id, out var read, out var replay));
        Assert.Equal((key, (ImportKey?)null), (read, replay));
    }

    [Fact]
    public void Make_PartsSplitDifferently_DifferentIds()
    {
        Assert.NotEqual(ImportKeys.Make("cc:m:", "ab", "c").EventId, ImportKeys.Make("cc:m:", "a", "bc").EventId);
    }

    [Fact]
    public void WithReplay_RoundTripsBothKeys()
    {
        var (id, key) = ImportKeys.Make("cc:m:", "msg_1", "req_1");
        var replayKey = ImportKeys.KeyOnly("cc:replay:", "session", "msg_1");

        Assert.True(ImportKeys.TryKeysOfEventId(ImportKeys.WithReplay(id, replayKey), out var read, out var replay));
        Assert.Equal((key, (ImportKey?)replayKey), (read, replay));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("hook-event-1")]
    [InlineData("cc:m:not-hex-at-all-but-long-enough")]
    public void TryKeysOfEventId_OtherWritersIds_AreNotImportKeys(string? id)
    {
        Assert.False(ImportKeys.TryKeysOfEventId(id, out _, out _));
    }
}
