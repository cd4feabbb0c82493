// What the three usage cmdlets (daily, monthly, session) share: the system, the inclusive calendar dates, the time
// zone and the price file, checked by one rule and turned into the core's query; each cmdlet only runs its report.
using System.Management.Automation;
using ZosTelemetry.PowerShell.Binding;
using ZosTelemetry.PowerShell.Completion;
using ZosTelemetry.Reports;

namespace ZosTelemetry.PowerShell;

public abstract class UsageCommandBase : TelemetryCommandBase, ITeamReader
{
    /// <summary>Read a team database (a postgres:// URI or keyword connection string) instead of the local store.</summary>
    [Parameter]
    public string? Database { get; set; }

    [Parameter(Position = 0), ArgumentCompleter(typeof(SystemNameCompleter))]
    public string? System { get; set; }

    /// <summary>The first day to include (inclusive), in -TimeZone: YYYY-MM-DD, YYYYMMDD or a [datetime].</summary>
    [Parameter, DateTransformation]
    public DateOnly? Since { get; set; }

    /// <summary>The last day to include (inclusive), in -TimeZone: YYYY-MM-DD, YYYYMMDD or a [datetime].</summary>
    [Parameter, DateTransformation]
    public DateOnly? Until { get; set; }

    /// <summary>An IANA time zone such as Europe/Berlin, UTC, or local (the default).</summary>
    [Parameter, ArgumentCompleter(typeof(TimeZoneCompleter))]
    public string? TimeZone { get; set; }

    /// <summary>A price file over $ZOS_HOME/prices.json and the shipped prices, for events with tokens but no cost.</summary>
    [Parameter]
    public string? PriceFile { get; set; }

    [Parameter]
    public SwitchParameter Breakdown { get; set; }

    /// <summary>The report's rows for this query; rows with a Breakdown are flattened by ProcessRecord.</summary>
    protected abstract IEnumerable<object> Report(Store.TelemetryStore store, UsageQuery query);

    /// <summary>The same rows from a team database, summed and counted in SQL.</summary>
    protected abstract IEnumerable<object> Report(Sync.ITeamDatabase database, UsageQuery query);

    /// <summary>The daily and monthly cmdlets' rows: -Breakdown gives the model rows of each period instead.</summary>
    protected IEnumerable<object> Rows(IReadOnlyList<PeriodUsage> rows) => Breakdown ? rows.SelectMany(r => r.Breakdown) : rows;

    protected override void ProcessRecord()
    {
        if (!PriceFileOption.TryLoad(PriceFile is null ? null : GetUnresolvedProviderPathFromPSPath(PriceFile), out var costs, out var error))
        {
            ThrowTerminatingError(error!);
        }

        try
        {
            var timeZone = ReportArguments.ParseTimeZone(TimeZone);
            if (OpenTeamDatabase() is { } database)
            {
                WriteObject(Report(database, UsageQuery.Create(ResolveSystem(database, System), Since, Until, timeZone, costs.Prices)), enumerateCollection: true);
                return;
            }

            var store = OpenStore();
            var query = UsageQuery.Create(ResolveSystem(store, System), Since, Until, timeZone, costs.Prices);
            WriteObject(Report(store, query), enumerateCollection: true);
        }
        catch (Exception ex) when (IsTelemetryError(ex) || ex is ArgumentException)
        {
            ThrowTerminatingError(ToErrorRecord(ex, Root));
        }
    }
}
