using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Assessments;

/// <summary>One instrument's measures for one patient, oldest first, with the change from the first complete one (the baseline).</summary>
public sealed record MeasurementSeries(Instrument Instrument, IReadOnlyList<AssessmentResponse> Points, MeasureChange? Change)
{
    public AssessmentResponse? Baseline => Points.FirstOrDefault(p => p.Total is not null);
    public AssessmentResponse? Latest => Points.LastOrDefault(p => p.Total is not null);

    /// <summary>Change from baseline at each complete point (null for the baseline itself and incomplete points).</summary>
    public MeasureChange? ChangeAt(AssessmentResponse point) =>
        Baseline is { Total: { } b } baseline && point.Total is { } t && point.Id != baseline.Id ? MeasureChange.Compare(Instrument, b, t) : null;
}

/// <summary>Reads a patient's measures for charts, tables and the API. Callers check access first (patient themself or their therapist).</summary>
public sealed class MeasurementHistory(AppDbContext db)
{
    /// <summary>One instrument's series, or null when the patient never answered it: reads only that instrument's rows.</summary>
    public async Task<MeasurementSeries?> ForPatientAsync(Guid patientId, Instrument instrument, CancellationToken ct)
    {
        var points = await db.AssessmentResponses.AsNoTracking().Where(r => r.PatientId == patientId && r.InstrumentId == instrument.Id)
            .OrderBy(r => r.SubmittedAt).ToListAsync(ct);
        return points.Count == 0 ? null : Series(instrument, points);
    }

    private static MeasurementSeries Series(Instrument instrument, List<AssessmentResponse> points)
    {
        var complete = points.Where(p => p.Total is not null).ToList();
        var change = complete.Count >= 2 ? MeasureChange.Compare(instrument, complete[0].Total!.Value, complete[^1].Total!.Value) : null;
        return new MeasurementSeries(instrument, points, change);
    }

    public async Task<IReadOnlyList<MeasurementSeries>> ForPatientAsync(Guid patientId, CancellationToken ct)
    {
        var responses = await db.AssessmentResponses.AsNoTracking().Where(r => r.PatientId == patientId)
            .OrderBy(r => r.SubmittedAt).ToListAsync(ct);
        return [.. InstrumentCatalog.All
            .Select(i => (Instrument: i, Points: responses.Where(r => r.InstrumentId == i.Id).ToList()))
            .Where(x => x.Points.Count > 0)
            .Select(x => Series(x.Instrument, x.Points))];
    }
}
