// Detector version 2 on the forms the issue names, in every language it reads, through its Unicode folding, and the
// promise that its markers name rules of a published vocabulary and never carry text.
using ZosTelemetry.Detection;
using ZosTelemetry.Events;

namespace ZosTelemetry.Tests;

public sealed class CorrectionDetectorV2Tests
{
    [Theory]
    [InlineData("that's not what I asked")]
    [InlineData("you forgot the tests")]
    [InlineData("still failing")]
    [InlineData("same error as before")]
    [InlineData("I said tabs")]
    [InlineData("stop")]
    [InlineData("undo that")]
    [InlineData("revert")]
    [InlineData("go back to the previous version")]
    [InlineData("again?!")]
    [InlineData("for the third time")]
    [InlineData("Thanks for the summary, it reads well. However you changed the wrong function: the bug is in parse_header.")]
    public void Detect_FormsVersionOneMisses_Fire(string text)
    {
        Assert.True(CorrectionDetector.IsCorrection(text, 2));
    }

    [Theory]
    [InlineData("right, go ahead")]
    [InlineData("is that right?")]
    [InlineData("no rush")]
    [InlineData("now add tests")]
    [InlineData("is it still failing?")]
    [InlineData("how do I undo a git rebase?")]
    [InlineData("no, that's all for today, thanks")]
    [InlineData("my bad, I pasted the wrong log")]
    public void Detect_QuestionsApprovalsAndFollowUps_StayQuiet(string text)
    {
        Assert.False(CorrectionDetector.IsCorrection(text, 2));
    }

    [Theory]
    [InlineData("Nein, das ist falsch.", "de")]
    [InlineData("Mach das bitte rückgängig", "de")]
    [InlineData("Ce n'est pas ce que j'ai demandé", "fr")]
    [InlineData("Ça ne marche toujours pas", "fr")]
    [InlineData("Eso no es lo que te pedí", "es")]
    [InlineData("Sigue sin funcionar", "es")]
    [InlineData("Não foi isso que eu pedi", "pt")]
    [InlineData("Continua sem funcionar", "pt")]
    [InlineData("Это не то, что я просил", "ru")]
    [InlineData("Всё ещё не работает", "ru")]
    [InlineData("这不是我要的", "zh")]
    [InlineData("还是不行", "zh")]
    [InlineData("それは頼んだものと違います", "ja")]
    [InlineData("まだ動きません", "ja")]
    public void Detect_CorrectionInALanguage_MarkerNamesTheLanguage(string text, string language)
    {
        var markers = CorrectionDetector.Markers(text, 2);

        Assert.Contains(markers, m => m.Split('.').Length == 4 && m.Split('.')[2] == language);
    }

    [Theory]
    [InlineData("Passt, mach weiter")]
    [InlineData("Mein Fehler, ich habe die falsche Datei hochgeladen")]
    [InlineData("Comment annuler un commit git ?")]
    [InlineData("No, el martes me viene mejor")]
    [InlineData("Não, é só isso, obrigado")]
    [InlineData("Как отменить коммит в git?")]
    [InlineData("怎么撤销git的提交？")]
    [InlineData("これで合っていますか？")]
    public void Detect_NeutralTurnInALanguage_StaysQuiet(string text)
    {
        Assert.False(CorrectionDetector.IsCorrection(text, 2));
    }

    [Theory]
    [InlineData("ＴＨＡＴ'Ｓ ＷＲＯＮＧ")] // full-width Latin
    [InlineData("DAS IST FALSCH")] // case
    [InlineData("Mach das rueckgaengig")] // German without umlauts, as typed on a US keyboard
    [InlineData("ÇA NE MARCHE TOUJOURS PAS")] // accents and case together
    [InlineData("ｽﾄｯﾌﾟ")] // half-width katakana with a sound mark
    [InlineData("ЕЩЁ РАЗ: ВСЁ ЕЩЁ НЕ РАБОТАЕТ")] // Cyrillic case and ё
    [InlineData("thats wrong")] // the apostrophe people skip
    public void Detect_FoldedSpellings_Fire(string text)
    {
        Assert.True(CorrectionDetector.IsCorrection(text, 2));
    }

    [Fact]
    public void Detect_CorrectionWordsInsideACodeSpan_DoNotFire()
    {
        Assert.False(CorrectionDetector.IsCorrection("can you explain `error: that is wrong, still failing`", 2));
    }

    [Fact]
    public void Markers_EveryRule_IsInTheVocabularyAndPassesTheStoreValidator()
    {
        var vocabulary = CorrectionMarkers.All.Select(m => m.Marker).ToHashSet();

        Assert.Equal(vocabulary.Count, CorrectionMarkers.All.Count);
        Assert.All(CorrectionMarkers.All, m =>
        {
            Assert.Matches(CorrectionMarkers.Pattern, m.Marker);
            EventValidator.ValidateMarker(m.Marker);
        });
        Assert.All(CorrectionMarkers.Languages, l => Assert.Contains(CorrectionMarkers.All, m => m.Language == l && m.Version == 2 && m.Kind == "strong"));
        Assert.All(CorrectionMarkers.Languages, l => Assert.Contains(CorrectionMarkers.All, m => m.Language == l && m.Version == 2 && m.Kind == "opener"));
    }

    [Theory]
    [InlineData("corr.strong.3", 1)]
    [InlineData("corr.strong.de.3", 2)]
    [InlineData("corr.repeat", 2)]
    [InlineData("det.v2", 2)]
    [InlineData("corr.manual", 0)]
    public void VersionOf_Marker_NamesTheVersionThatEmitsIt(string marker, int version)
    {
        Assert.Equal(version, CorrectionMarkers.VersionOf(marker));
    }

    [Fact]
    public void Detect_LabelledSets_EmitOnlyMarkersOfTheVocabulary()
    {
        var vocabulary = CorrectionMarkers.All.Select(m => m.Marker).ToHashSet();
        foreach (string file in new[] { "v2-dev.jsonl", "v2-holdout.jsonl", "dev.jsonl" })
        {
            foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "detector", file)))
            {
                string text = System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!;
                Assert.All(CorrectionDetector.Markers(text, 2), m =>
                {
                    Assert.Contains(m, vocabulary);
                    Assert.DoesNotContain(m, text, StringComparison.OrdinalIgnoreCase);
                });
            }
        }
    }

    [Fact]
    public void MarkersToStore_VersionTwo_AddsTheStampVersionOneDoesNot()
    {
        Assert.Equal(["corr.strong.en.1", CorrectionMarkers.Version2Stamp], CorrectionDetector.MarkersToStore(CorrectionDetector.Detect("that's wrong", 2)));
        Assert.Equal([CorrectionMarkers.Version2Stamp], CorrectionDetector.MarkersToStore(CorrectionDetector.Detect("thanks", 2)));
        Assert.Empty(CorrectionDetector.MarkersToStore(CorrectionDetector.Detect("thanks", 1)));
    }

    [Theory]
    [InlineData('a')]
    [InlineData('不')]
    [InlineData('`')]
    [InlineData('\n')]
    public void Detect_MillionCharacterRun_Completes(char c)
    {
        Assert.NotNull(CorrectionDetector.Detect(new string(c, 1_000_000), 2));
    }

    [Fact]
    public void SessionTurns_RestatedRequest_MarksRepeat()
    {
        var turns = new SessionTurns(2);
        Assert.False(turns.Detect("s", "add a retry to the upload function").IsCorrection);

        var again = turns.Detect("s", "please add a retry to the upload function");

        Assert.Contains(CorrectionMarkers.Repeat, again.Markers);
    }

    [Theory]
    [InlineData("now add a retry to the download function too")] // a new request on another target
    [InlineData("thanks")] // short
    public void SessionTurns_DifferentOrShortTurn_NoRepeat(string next)
    {
        var turns = new SessionTurns(2);
        turns.Detect("s", "add a retry to the upload function");

        Assert.DoesNotContain(CorrectionMarkers.Repeat, turns.Detect("s", next).Markers);
    }

    [Fact]
    public void SessionTurns_SameTextInAnotherSession_NoRepeat()
    {
        var turns = new SessionTurns(2);
        turns.Detect("a", "add a retry to the upload function");

        Assert.False(turns.Detect("b", "add a retry to the upload function").IsCorrection);
    }

    [Fact]
    public void SessionTurns_VersionOne_HasNoRepeatSignal()
    {
        var turns = new SessionTurns(1);
        turns.Detect("s", "add a retry to the upload function");

        Assert.False(turns.Detect("s", "add a retry to the upload function").IsCorrection);
    }

    [Fact]
    public void TurnFingerprint_AnyText_KeepsAtMostSixtyFourShortValuesAndComparesOnlyUnderOneSalt()
    {
        string longText = string.Join(' ', Enumerable.Range(0, 500).Select(i => "word" + i));
        var a = TurnFingerprint.Of(longText, 1);

        Assert.True(a.Values.Length <= TurnFingerprint.MaxShingles);
        Assert.Equal(1.0, a.Similarity(TurnFingerprint.Of(longText, 1)));
        Assert.Equal(0.0, a.Similarity(TurnFingerprint.Of(longText, 2)));
    }
}
