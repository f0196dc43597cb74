using System.Globalization;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace Rapport.Web.Features.Assessments;

/// <summary>
/// Progress charts already drawn, kept by everything that decides them: the instrument, every point (when, complete, total,
/// band, risk), the change and the baseline's time, the session marks, the time zone and the id prefix.
/// <see cref="ProgressChart.Render"/> reads nothing else (no clock, no database), so a kept chart is exactly the one it
/// would draw again. Drawing one cost about 80 µs and 43 KB of garbage per visit of "My plan" or a progress page
/// (docs/performance.md, "Per request, once"); a patient's chart changes only when they answer again or a session passes.
/// Bounded in number (1,024 charts: some 15–20 MB of SVG at most, more for very long histories), and each dropped after
/// ten minutes unused.
/// </summary>
public static class DrawnCharts
{
    private static readonly MemoryCache Drawn = new(new MemoryCacheOptions { SizeLimit = 1024 });
    private static readonly MemoryCacheEntryOptions Kept = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) };

    public static string Render(MeasurementSeries series, IReadOnlyList<SessionMark> sessions, TimeZoneInfo zone, string id)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(zone);
        var key = KeyOf(series, sessions, zone, id);
        if (Drawn.TryGetValue(key, out string? svg) && svg is not null)
        {
            return svg;
        }
        svg = ProgressChart.Render(series, sessions, zone, id);
        Drawn.Set(key, svg, Kept);
        return svg;
    }

    internal static string KeyOf(MeasurementSeries series, IReadOnlyList<SessionMark> sessions, TimeZoneInfo zone, string id)
    {
        var key = new StringBuilder(64 + (series.Points.Count * 72) + (sessions.Count * 32));
        var en = CultureInfo.InvariantCulture;
        // Free text (the id, a band, a session's label) is length-prefixed, so no two different inputs give one key.
        key.Append(en, $"{series.Instrument.Id}|{zone.Id.Length}:{zone.Id}|{id.Length}:{id}|{series.BaselineAt?.UtcTicks}|{series.Change}|");
        foreach (var p in series.Points)
        {
            key.Append(en, $"{p.Id:N},{p.SubmittedAt.UtcTicks},{p.IsComplete},{p.Total},{(int)p.Risk},{p.Band?.Length}:{p.Band};");
        }
        key.Append('|');
        foreach (var s in sessions)
        {
            key.Append(en, $"{s.At.UtcTicks},{s.Label.Length}:{s.Label};");
        }
        return key.ToString();
    }
}
