// Builds one inline SVG. Data marks (a box, a line, a bar, a dot) carry class "mark" and are counted, so the figure
// can say how many it drew and a browser test can check that each of them has a size. Every text is escaped.
using System.Text;

namespace ZosTelemetry.Reports.Html;

internal sealed class Svg(double width, double height, string label)
{
    private readonly StringBuilder body = new();

    public double Width { get; } = width;
    public double Height { get; } = height;

    /// <summary>The data marks drawn so far.</summary>
    public int Marks { get; private set; }

    public void Line(double x1, double y1, double x2, double y2, string cls) =>
        body.Append($"<line x1=\"{Html.N(x1)}\" y1=\"{Html.N(y1)}\" x2=\"{Html.N(x2)}\" y2=\"{Html.N(y2)}\" class=\"{cls}\"/>");

    public void Text(double x, double y, string text, string cls = "", string anchor = "start") =>
        body.Append($"<text x=\"{Html.N(x)}\" y=\"{Html.N(y)}\" text-anchor=\"{anchor}\"{Class(cls)}>{Html.Escape(text)}</text>");

    /// <summary>A text rotated a quarter turn counter-clockwise about its anchor (a vertical axis title).</summary>
    public void VerticalText(double x, double y, string text, string cls = "") =>
        body.Append($"<text x=\"{Html.N(x)}\" y=\"{Html.N(y)}\" text-anchor=\"middle\" transform=\"rotate(-90 {Html.N(x)} {Html.N(y)})\"{Class(cls)}>{Html.Escape(text)}</text>");

    public void Rect(double x, double y, double w, double h, string cls) =>
        body.Append($"<rect x=\"{Html.N(x)}\" y=\"{Html.N(y)}\" width=\"{Html.N(Math.Max(0, w))}\" height=\"{Html.N(Math.Max(0, h))}\" class=\"{cls}\"/>");

    // Marks: the tooltip (<title>) tells the value, so hovering reads the number without the table.
    public void MarkRect(double x, double y, double w, double h, string cls, string tip)
    {
        // A bar of zero width would draw nothing: a hairline keeps a zero visible and measurable.
        body.Append($"<rect x=\"{Html.N(x)}\" y=\"{Html.N(y)}\" width=\"{Html.N(Math.Max(1, w))}\" height=\"{Html.N(Math.Max(1, h))}\" class=\"mark {cls}\"><title>{Html.Escape(tip)}</title></rect>");
        Marks++;
    }

    public void MarkCircle(double cx, double cy, double r, string cls, string tip)
    {
        body.Append($"<circle cx=\"{Html.N(cx)}\" cy=\"{Html.N(cy)}\" r=\"{Html.N(r)}\" class=\"mark {cls}\"><title>{Html.Escape(tip)}</title></circle>");
        Marks++;
    }

    /// <summary>A path (d) as one mark: a line through points, a diamond, an interval with caps.</summary>
    public void MarkPath(string d, string cls, string tip)
    {
        body.Append($"<path d=\"{d}\" class=\"mark {cls}\"><title>{Html.Escape(tip)}</title></path>");
        Marks++;
    }

    /// <summary>A path through the points, broken where a point is missing (null): one mark however many pieces.</summary>
    public static string Polyline(IEnumerable<(double X, double Y)?> points)
    {
        var d = new StringBuilder();
        bool pen = false;
        foreach (var p in points)
        {
            if (p is not (double x, double y))
            {
                pen = false;
                continue;
            }

            d.Append(pen ? 'L' : 'M').Append(Html.N(x)).Append(',').Append(Html.N(y));
            pen = true;
        }

        return d.ToString();
    }

    public static string Diamond(double cx, double cy, double r) =>
        $"M{Html.N(cx)},{Html.N(cy - r)}L{Html.N(cx + r)},{Html.N(cy)}L{Html.N(cx)},{Html.N(cy + r)}L{Html.N(cx - r)},{Html.N(cy)}Z";

    /// <summary>A horizontal x axis at y with ticks, tick labels and a title under it.</summary>
    public void XAxis(Axis axis, double y, string title, Func<double, string> format)
    {
        Line(axis.From, y, axis.To, y, "axis");
        foreach (double t in axis.Ticks())
        {
            double x = axis[t];
            Line(x, y, x, y + 4, "axis");
            Text(x, y + 16, format(t), "tick", "middle");
        }

        Text((axis.From + axis.To) / 2, y + 34, title, "axis-title", "middle");
    }

    /// <summary>A vertical y axis at x with grid lines across to gridTo, tick labels and a rotated title.</summary>
    public void YAxis(Axis axis, double x, double gridTo, string title, Func<double, string> format)
    {
        foreach (double t in axis.Ticks())
        {
            double y = axis[t];
            Line(x, y, gridTo, y, "grid");
            Text(x - 6, y + 4, format(t), "tick", "end");
        }

        Line(x, axis.From, x, axis.To, "axis");
        VerticalText(14, (axis.From + axis.To) / 2, title, "axis-title");
    }

    public override string ToString() =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Html.N(Width)} {Html.N(Height)}\" width=\"{Html.N(Width)}\" height=\"{Html.N(Height)}\" role=\"img\" aria-label=\"{Html.Escape(label)}\">{body}</svg>";

    private static string Class(string cls) => cls.Length == 0 ? "" : $" class=\"{cls}\"";
}
