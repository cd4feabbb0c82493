// The correction detector's snapshot of itself: labels correction and none, each known marker a feature present (1)
// or missing, so the class mix is the correction rate and a marker's missingness is one minus its firing rate.
using ZosTelemetry.Detection;
using ZosTelemetry.Snapshots;

namespace ZosTelemetry.Tests;

public sealed class DetectorSnapshotTests
{
    [Fact]
    public void Decisions_OfFourTexts_GiveTheCorrectionRateAndMarkerRates()
    {
        var builder = new SnapshotBuilder(new SnapshotOptions { System = DetectorSnapshot.DefaultSystem, SchemaVersion = DetectorSnapshot.SchemaVersion }, Make.Now);
        string[] texts = ["no, that's wrong", "thanks, that fixed it", "revert that please", "great, ship it"];
        var results = texts.Select(t => CorrectionDetector.Detect(t)).ToList();
        foreach (var r in results)
        {
            builder.Add(DetectorSnapshot.Decision(r));
        }

        var s = builder.Build(Make.Now);

        double corrections = results.Count(r => r.IsCorrection) / 4.0;
        Assert.Equal(Math.Round(corrections, 4), s.ClassDistribution["correction"]);
        Assert.Equal(Math.Round(1 - corrections, 4), s.ClassDistribution["none"]);
        Assert.Equal(CorrectionDetector.KnownMarkers.OrderBy(m => m, StringComparer.Ordinal), s.FeatureMissingness.Keys);
        foreach (string marker in CorrectionDetector.KnownMarkers)
        {
            Assert.Equal(Math.Round(1 - (results.Count(r => r.Markers.Contains(marker)) / 4.0), 4), s.FeatureMissingness[marker]);
        }

        Assert.Equal("detector-v" + CorrectionDetector.Version, s.SchemaVersion);
        Assert.Null(s.ConfidenceStats);
    }

    [Fact]
    public void KnownMarkers_AreDistinctAndValidFeatureNames()
    {
        Assert.Equal(CorrectionDetector.KnownMarkers.Count, CorrectionDetector.KnownMarkers.Distinct().Count());
        Assert.All(CorrectionDetector.KnownMarkers, SnapshotRules.ValidateFeatureName);
        Assert.InRange(CorrectionDetector.KnownMarkers.Count, 1, SnapshotRules.MaxFeatures);
    }

    [Fact]
    public void KnownMarkers_AreEveryVersionsCorrectionMarkers_WithoutTheStamp()
    {
        var expected = CorrectionMarkers.All.Where(m => m.IsCorrection).Select(m => m.Marker);
        Assert.Equal(expected, CorrectionDetector.KnownMarkers);
        Assert.Contains("corr.strong.1", CorrectionDetector.KnownMarkers);
        Assert.Contains("corr.strong.de.1", CorrectionDetector.KnownMarkers);
        Assert.Contains(CorrectionMarkers.Repeat, CorrectionDetector.KnownMarkers);
        Assert.DoesNotContain(CorrectionMarkers.Version2Stamp, CorrectionDetector.KnownMarkers);
    }

    [Fact]
    public void Decision_OfAGermanCorrection_SetsItsV2Marker_AndEachVersionHasItsOwnSchema()
    {
        var result = CorrectionDetector.Detect("nein, das ist falsch", 2);
        Assert.True(result.IsCorrection);
        var record = DetectorSnapshot.Decision(result);
        Assert.All(result.Markers, m => Assert.Equal(1, record.Features![m]));
        Assert.Equal("detector-v1", DetectorSnapshot.SchemaVersionOf(1));
        Assert.Equal("detector-v2", DetectorSnapshot.SchemaVersionOf(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => DetectorSnapshot.SchemaVersionOf(3));
    }
}
