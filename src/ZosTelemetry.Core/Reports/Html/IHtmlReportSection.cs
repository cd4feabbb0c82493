// A section of the HTML report. A new section (alerts, scores, snapshot drift) is one class implementing this and one
// entry in HtmlReport.DefaultSections: it reads what it needs through the context and writes through the page.
namespace ZosTelemetry.Reports.Html;

public interface IHtmlReportSection
{
    /// <summary>The section's anchor in the page, e.g. "head-to-head".</summary>
    string Id { get; }

    string Title { get; }

    /// <summary>Gathers the section's figures with the core's own computations and writes them to the page.</summary>
    void Write(HtmlPage page, HtmlReportContext context);
}
