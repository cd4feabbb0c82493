// The correction detector on clear cases, on hostile input, and the promise that markers carry no text.
using System.Text.RegularExpressions;
using ZosTelemetry.Detection;
using ZosTelemetry.Events;

namespace ZosTelemetry.Tests;

public sealed partial class CorrectionDetectorTests
{
    [GeneratedRegex(CorrectionMarkers.Pattern)]
    private static partial Regex MarkerShape();

    [Theory]
    [InlineData("no, that's wrong")]
    [InlineData("you misunderstood")]
    [InlineData("revert that")]
    [InlineData("still failing")]
    [InlineData("I said Postgres, not MySQL")]
    [InlineData("No. That’s not what I asked for.")]
    [InlineData("that's incorrect")]
    [InlineData("as I said, use tabs")]
    [InlineData("why did you delete the tests?")]
    [InlineData("wrong file")]
    public void Detect_ClearCorrection_FiresWithCorrMarkers(string text)
    {
        var result = CorrectionDetector.Detect(text);

        Assert.True(result.IsCorrection);
        Assert.NotEmpty(result.Markers);
        Assert.All(result.Markers, m => Assert.StartsWith(MarkerPrefixes.Correction, m, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("right, go ahead")]
    [InlineData("is that right?")]
    [InlineData("no worries")]
    [InlineData("not bad at all")]
    [InlineData("thanks, that fixed it")]
    [InlineData("looks good, ship it")]
    [InlineData("how do I revert a commit?")]
    [InlineData("my bad, I gave you the wrong file")]
    [InlineData("")]
    [InlineData("   ")]
    public void Detect_ApprovalOrQuestion_DoesNotFire(string text)
    {
        var result = CorrectionDetector.Detect(text);

        Assert.False(result.IsCorrection);
        Assert.Empty(result.Markers);
    }

    [Fact]
    public void Detect_Null_DoesNotFire()
    {
        Assert.False(CorrectionDetector.IsCorrection(null));
    }

    [Fact]
    public void Detect_ErrorTextInsideCodeSpan_DoesNotFire()
    {
        Assert.False(CorrectionDetector.IsCorrection("can you explain `error: that is wrong, still failing`"));
    }

    [Fact]
    public void Detect_Result_ReportsTheCurrentDetectorVersion()
    {
        Assert.Equal(CorrectionDetector.Version, CorrectionDetector.Detect("wrong").DetectorVersion);
    }

    [Fact]
    public void Detect_VersionOne_GivesVersionOnesMarkers()
    {
        var result = CorrectionDetector.Detect("you misunderstood", 1);

        Assert.Equal(1, result.DetectorVersion);
        Assert.Equal(["corr.strong.2"], result.Markers);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Detect_UnknownVersion_Throws(int version)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CorrectionDetector.Detect("wrong", version));
    }

    [Theory]
    [InlineData("no, that's wrong — the secret is hunter2 and the host is db.internal")]
    [InlineData("I said use /home/alice/.ssh/id_rsa, not the other key")]
    [InlineData("revert that change to payroll.cs")]
    [InlineData("still failing: password=correct horse battery staple")]
    public void Detect_AnyInput_MarkersAreRuleIdsNotText(string text)
    {
        var markers = CorrectionDetector.Markers(text);

        Assert.NotEmpty(markers);
        Assert.All(markers, m =>
        {
            Assert.Matches(MarkerShape(), m);
            Assert.DoesNotContain(m, text, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Theory]
    [InlineData("no, that's wrong")]
    [InlineData("you misunderstood, revert that, still failing, as I said, wrong file")]
    public void Detect_AnyInput_MarkersPassTheStoreValidator(string text)
    {
        var markers = CorrectionDetector.Markers(text);

        Assert.NotEmpty(markers);
        Assert.All(markers, EventValidator.ValidateMarker);
    }

    [Theory]
    [InlineData('a')]
    [InlineData(' ')]
    [InlineData('(')]
    [InlineData('`')]
    [InlineData('n')]
    [InlineData('\n')]
    public void Detect_MillionCharacterRunOfOneCharacter_Completes(char c)
    {
        // Linear by construction; this only has to finish. No timing assertion, so it cannot flake.
        var result = CorrectionDetector.Detect(new string(c, 1_000_000));

        Assert.NotNull(result);
    }

    [Fact]
    public void Detect_DeepPunctuation_Completes()
    {
        string nested = string.Concat(Enumerable.Repeat("((([[[{{{'\"`!?.,;:-", 60_000)) + "no";

        Assert.NotNull(CorrectionDetector.Detect(nested));
    }

    [Fact]
    public void Detect_RepeatedNearMatches_Completes()
    {
        // Prefixes that almost match many rules, repeated: the classic trigger of catastrophic backtracking.
        string text = string.Concat(Enumerable.Repeat("i said i told you still not what i wrong ", 25_000));

        Assert.NotNull(CorrectionDetector.Detect(text));
    }

    [Fact]
    public void Detect_CorrectionAfterTheAnalysedHead_IsNotSeen()
    {
        string text = new string('x', CorrectionDetector.MaxAnalysedChars) + " that's wrong";

        Assert.False(CorrectionDetector.IsCorrection(text));
        Assert.False(CorrectionDetector.IsCorrection(text, 1));
    }
}
