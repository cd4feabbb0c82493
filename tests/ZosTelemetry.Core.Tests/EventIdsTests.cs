// Event ids: random, 32 lower-case hex digits, and every one of their 128 bits random (none fixed by the guids they
// are made from).
using ZosTelemetry.Events;

namespace ZosTelemetry.Tests;

public sealed class EventIdsTests
{
    [Fact]
    public void New_ManyIds_AreLowerCaseHexOfTheDocumentedLength()
    {
        for (int i = 0; i < 1000; i++)
        {
            Assert.Matches("^[0-9a-f]{32}$", EventIds.New());
        }
    }

    [Fact]
    public void New_ManyIds_AreAllDistinct()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => EventIds.New()).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void New_ManyIds_EveryBitTakesBothValues()
    {
        // A bit fixed in every id (a guid's version or variant bits) would be seen with one value only; for a random
        // bit, 1,000 ids all alike has a chance of 2^-999.
        var ones = new int[128];
        const int count = 1000;
        for (int i = 0; i < count; i++)
        {
            UInt128 bits = UInt128.Parse(EventIds.New(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            for (int b = 0; b < 128; b++)
            {
                ones[b] += (int)((bits >> b) & 1);
            }
        }

        Assert.All(ones, n => Assert.InRange(n, 1, count - 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5000)]
    public void NewBatch_Count_ThatManyDistinctIdsOfTheDocumentedForm(int count)
    {
        string[] ids = EventIds.New(count);

        Assert.Equal(count, ids.Length);
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void NewBatch_ManyIds_EveryBitTakesBothValues()
    {
        var ones = new int[128];
        string[] ids = EventIds.New(1000);
        foreach (string id in ids)
        {
            UInt128 bits = UInt128.Parse(id, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            for (int b = 0; b < 128; b++)
            {
                ones[b] += (int)((bits >> b) & 1);
            }
        }

        Assert.All(ones, n => Assert.InRange(n, 1, ids.Length - 1));
    }
}
