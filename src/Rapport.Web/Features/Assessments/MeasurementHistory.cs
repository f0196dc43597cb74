using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Assessments;

/// <summary>
/// Where the patient's current course of care begins for its baseline (Assessments readme, rule 7, "Baseline per course"):
/// after the course before it ended (null for a first course, or one continued after a transfer from the first).
/// </summary>
public sealed record CourseStart(DateTimeOffset? PreviousEndedAt);

/// <summary>Answers when the patient's current course began; the TreatmentCourses feature implements it, so the dependency runs one way.</summary>
public interface ICourseStarts
{
    Task<CourseStart?> CurrentAsync(Guid patientId, CancellationToken ct);
}

/// <summary>
/// One answer as a chart, a table and a summary show it: when, whether complete, the total, the band and the risk, never
/// the answers themselves (a page that reads those asks <see cref="MeasurementHistory.ResponsesAsync"/>).
/// </summary>
public sealed record MeasurePoint(Guid Id, DateTimeOffset SubmittedAt, bool IsComplete, int? Total, string? Band, RiskLevel Risk)
{
    public static MeasurePoint Of(AssessmentResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new(response.Id, response.SubmittedAt, response.IsComplete, response.Total, response.Band, response.Risk);
    }
}

/// <summary>
/// One instrument's measures for one patient, oldest first, with the change from the baseline: the current course's
/// baseline when <paramref name="BaselineAt"/> is given (earlier points stay in the history but are not compared), else
/// the first complete one.
/// </summary>
public sealed record MeasurementSeries(Instrument Instrument, IReadOnlyList<MeasurePoint> Points, MeasureChange? Change, DateTimeOffset? BaselineAt = null)
{
    public MeasurePoint? Baseline => Points.FirstOrDefault(p => p.Total is not null && (BaselineAt is null || p.SubmittedAt >= BaselineAt));
    public MeasurePoint? Latest => Points.LastOrDefault(p => p.Total is not null);

    /// <summary>Change from baseline at each complete point after it (null for the baseline itself, earlier points and incomplete ones).</summary>
    public MeasureChange? ChangeAt(MeasurePoint point) =>
        Baseline is { Total: { } b } baseline && point.Total is { } t && point.Id != baseline.Id && point.SubmittedAt >= baseline.SubmittedAt
            ? MeasureChange.Compare(Instrument, b, t) : null;

    /// <summary>
    /// The current course's baseline among complete points, oldest first: the first one answered after the previous course
    /// ended (the new course's intake or assessment measure); for a first course, or without a course, the first one.
    /// </summary>
    public static MeasurePoint? BaselineOf(IReadOnlyList<MeasurePoint> complete, CourseStart? course)
    {
        ArgumentNullException.ThrowIfNull(complete);
        return course?.PreviousEndedAt is { } ended ? complete.FirstOrDefault(p => p.SubmittedAt > ended) : complete.FirstOrDefault();
    }
}

public sealed class MeasurementHistory(AppDbContext db, ICourseStarts? courses = null)
{
    // One instrument's series is what "My plan" draws on every visit, so compiled once (Data/CompiledQuery.cs); a chart
    // reads only its points' columns, not the answers.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, string, IAsyncEnumerable<MeasurePoint>>> SeriesOf = new(() =>
        EF.CompileAsyncQuery<AppDbContext, Guid, string, MeasurePoint>((db, patientId, instrumentId) => db.AssessmentResponses
            .Where(r => r.PatientId == patientId && r.InstrumentId == instrumentId).OrderBy(r => r.SubmittedAt)
            .Select(r => new MeasurePoint(r.Id, r.SubmittedAt, r.IsComplete, r.Total, r.Band, r.Risk))));

    /// <summary>One instrument's series, or null when the patient never answered it: reads only that instrument's rows.</summary>
    public async Task<MeasurementSeries?> ForPatientAsync(Guid patientId, Instrument instrument, CancellationToken ct)
    {
        var points = await PointsAsync(patientId, instrument, ct);
        return points.Count == 0 ? null : Series(instrument, points, await CourseStartAsync(patientId, ct));
    }

    /// <summary>
    /// One instrument's series, or null, for a caller that already read where the patient's current course began ("My
    /// plan" reads it with the course): no second look at the courses.
    /// </summary>
    public async Task<MeasurementSeries?> ForPatientAsync(Guid patientId, Instrument instrument, CourseStart? start, CancellationToken ct)
    {
        var points = await PointsAsync(patientId, instrument, ct);
        return points.Count == 0 ? null : Series(instrument, points, start);
    }

    private async Task<List<MeasurePoint>> PointsAsync(Guid patientId, Instrument instrument, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var points = new List<MeasurePoint>();
        await foreach (var point in SeriesOf.For(db)(db, patientId, instrument.Id).WithCancellation(ct))
        {
            points.Add(point);
        }
        return points;
    }

    private Task<CourseStart?> CourseStartAsync(Guid patientId, CancellationToken ct) =>
        courses is null ? Task.FromResult<CourseStart?>(null) : courses.CurrentAsync(patientId, ct);

    internal static MeasurementSeries Series(Instrument instrument, List<MeasurePoint> points, CourseStart? course)
    {
        var complete = points.Where(p => p.Total is not null).ToList();
        var baseline = MeasurementSeries.BaselineOf(complete, course);
        var latest = complete.Count > 0 ? complete[^1] : null;
        var change = baseline is not null && latest is not null && latest.Id != baseline.Id
            ? MeasureChange.Compare(instrument, baseline.Total!.Value, latest.Total!.Value) : null;
        return new MeasurementSeries(instrument, points, change, baseline?.SubmittedAt);
    }

    public async Task<IReadOnlyList<MeasurementSeries>> ForPatientAsync(Guid patientId, CancellationToken ct)
    {
        var responses = await db.AssessmentResponses.Where(r => r.PatientId == patientId).OrderBy(r => r.SubmittedAt)
            .Select(r => new { r.InstrumentId, Point = new MeasurePoint(r.Id, r.SubmittedAt, r.IsComplete, r.Total, r.Band, r.Risk) }).ToListAsync(ct);
        var course = responses.Count == 0 ? null : await CourseStartAsync(patientId, ct);
        return [.. InstrumentCatalog.All
            .Select(i => (Instrument: i, Points: responses.Where(r => r.InstrumentId == i.Id).Select(r => r.Point).ToList()))
            .Where(x => x.Points.Count > 0)
            .Select(x => Series(x.Instrument, x.Points, course))];
    }

    /// <summary>One instrument's answers whole, oldest first, for a page that reads the answers themselves (the note's PHQ-9 item 9). Not tracked.</summary>
    public async Task<IReadOnlyList<AssessmentResponse>> ResponsesAsync(Guid patientId, Instrument instrument, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return await db.AssessmentResponses.AsNoTracking().Where(r => r.PatientId == patientId && r.InstrumentId == instrument.Id)
            .OrderBy(r => r.SubmittedAt).ToListAsync(ct);
    }

    /// <summary>
    /// The patient's own answers that carried risk, submitted in [<paramref name="since"/>, <paramref name="at"/>]: self-reports
    /// only (a clinician's own rating is made in the room, by the person who would be alerted). Not tracked.
    /// </summary>
    public async Task<IReadOnlyList<AssessmentResponse>> SelfReportedRiskAsync(Guid patientId, DateTimeOffset since, DateTimeOffset at, CancellationToken ct) =>
        await db.AssessmentResponses.AsNoTracking()
            .Where(r => r.PatientId == patientId && r.SubmittedById == patientId && r.Risk > RiskLevel.None && r.SubmittedAt >= since && r.SubmittedAt <= at)
            .ToListAsync(ct);

    /// <summary>The total of the patient's latest complete answer to <paramref name="instrumentId"/> submitted since <paramref name="since"/>, or null.</summary>
    public Task<int?> LatestCompleteTotalSinceAsync(Guid patientId, string instrumentId, DateTimeOffset since, CancellationToken ct) =>
        db.AssessmentResponses.AsNoTracking()
            .Where(r => r.PatientId == patientId && r.InstrumentId == instrumentId && r.IsComplete && r.SubmittedAt >= since)
            .OrderByDescending(r => r.SubmittedAt).Select(r => r.Total).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The patient's complete, scored answers to <paramref name="instrumentId"/>, as a query to compose (the relapse check
    /// picks its baseline and the previous score from it). Not tracked.
    /// </summary>
    public IQueryable<AssessmentResponse> CompleteScored(Guid patientId, string instrumentId) =>
        db.AssessmentResponses.AsNoTracking().Where(r => r.PatientId == patientId && r.InstrumentId == instrumentId && r.IsComplete && r.Total != null);
}
