// Get-TelemetryModelScore: one ranked row per model, executor variant or system: success rate with its 95% Wilson
// interval, first-shot rate, cost and errors per session, tool failure rate and score = success_rate − CostWeight ×
// cost_per_session − ErrorWeight × errors_per_session. -Verbose prints the formula with its weights.
using System.Management.Automation;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Scores;
using ZosTelemetry.Store;

namespace ZosTelemetry.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "TelemetryModelScore", HelpUri = HelpLinks.Root + "Get-TelemetryModelScore.md")]
[OutputType(typeof(ModelScore))]
public sealed class GetTelemetryModelScoreCommand : TelemetryCommandBase, ITeamReader
{
    /// <summary>Read a team database (a postgres:// URI or keyword connection string) instead of the local store.</summary>
    [Parameter]
    public string? Database { get; set; }

    [Parameter(Position = 0)]
    public ScoreGrouping By { get; set; } = ScoreGrouping.Model;

    [Parameter] public double CostWeight { get; set; } = ScoreOptions.DefaultCostWeight;
    [Parameter] public double ErrorWeight { get; set; } = ScoreOptions.DefaultErrorWeight;

    [Parameter, ArgumentCompleter(typeof(SystemNameCompleter))]
    public string? System { get; set; }

    /// <summary>Sessions whose last activity is at or after this instant.</summary>
    [Parameter, TimestampTransformation]
    public DateTimeOffset? Since { get; set; }

    /// <summary>Sessions whose last activity is before this instant.</summary>
    [Parameter, TimestampTransformation]
    public DateTimeOffset? Until { get; set; }

    protected override void EndProcessing()
    {
        try
        {
            var query = new SessionQuery { System = System, Since = Since, Until = Until };
            var options = new ScoreOptions { By = By, CostWeight = CostWeight, ErrorWeight = ErrorWeight };
            var report = OpenTeamDatabase() is { } database
                ? ModelScorer.Score(Sync.TeamRows.ReadSessions(database, query, w => WriteWarning(w.ToString())), options)
                : ModelScorer.Score(OpenStore(), query, options);
            WriteVerbose(report.Formula);
            WriteObject(report.Rows, enumerateCollection: true);
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
        }
    }
}
