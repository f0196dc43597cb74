namespace Rapport.Web.Features.DataRights;

public enum ErasureStatus
{
    /// <summary>Asked for; the patient may still cancel until <see cref="ErasureRequest.CarryOutAfter"/>.</summary>
    Pending = 0,
    Cancelled = 1,
    /// <summary>The sign-in identity and what is not clinical are gone; the clinical record waits for its retention to end.</summary>
    CarriedOut = 2,
    /// <summary>The clinical record was purged too, its retention over; only the audit log remembers.</summary>
    Purged = 3,
}

/// <summary>
/// A patient's request to erase their account (readme, rules 1–6): asked, then a grace period in which they may cancel,
/// then carried out by the scheduled job, and finally, once the clinical record's retention has ended, purged. Each step
/// is a guarded method that refuses with a named rule; the web layer never sets the state.
/// </summary>
public sealed class ErasureRequest
{
    private ErasureRequest() { }

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public ErasureStatus Status { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    /// <summary>The end of the grace period: cancellable before, carried out by the next check after.</summary>
    public DateTimeOffset CarryOutAfter { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public DateTimeOffset? CarriedOutAt { get; private set; }
    /// <summary>When the clinical record kept at carry-out may be purged (readme, rule 7).</summary>
    public DateTimeOffset? RetentionEndsAt { get; private set; }
    public DateTimeOffset? PurgedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsPending => Status == ErasureStatus.Pending;

    /// <summary>Rule 1: one pending request per patient; the grace period starts now.</summary>
    public static ErasureRequest Request(Guid patientId, bool alreadyPending, TimeSpan grace, DateTimeOffset now)
    {
        if (alreadyPending)
        {
            throw new RuleViolationException(DataRightsRules.OnePendingRequest, "You have already asked for your account to be erased.");
        }
        if (grace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(grace), "The grace period cannot be negative.");
        }
        return new ErasureRequest
        {
            Id = Guid.NewGuid(),
            PatientId = patientId,
            Status = ErasureStatus.Pending,
            RequestedAt = now,
            CarryOutAfter = now + grace,
        };
    }

    /// <summary>Rule 2: the patient may cancel while the request is pending and the grace period lasts.</summary>
    public void Cancel(DateTimeOffset now)
    {
        if (!IsPending)
        {
            throw new RuleViolationException(DataRightsRules.CancelOnlyWhilePending, "This request is no longer waiting, so it cannot be cancelled.");
        }
        if (now >= CarryOutAfter)
        {
            throw new RuleViolationException(DataRightsRules.CancelOnlyWithinGrace, "The time to cancel this request has passed.");
        }
        Status = ErasureStatus.Cancelled;
        CancelledAt = now;
        Version++;
    }

    /// <summary>Rule 3: carried out once, and only after the grace period, by the scheduled job.</summary>
    public void CarryOut(DateTimeOffset now, DateTimeOffset retentionEndsAt)
    {
        if (!IsPending)
        {
            throw new RuleViolationException(DataRightsRules.CarryOutOnlyPending, "Only a waiting request can be carried out.");
        }
        if (now < CarryOutAfter)
        {
            throw new RuleViolationException(DataRightsRules.CarryOutOnlyAfterGrace, "The patient may still cancel: the grace period has not ended.");
        }
        Status = ErasureStatus.CarriedOut;
        CarriedOutAt = now;
        RetentionEndsAt = retentionEndsAt;
        Version++;
    }

    /// <summary>Rule 7: a later clinical contact than the one counted at carry-out moves the end of retention later, never earlier.</summary>
    public void KeepUntil(DateTimeOffset retentionEndsAt)
    {
        if (Status != ErasureStatus.CarriedOut)
        {
            throw new RuleViolationException(DataRightsRules.PurgeOnlyCarriedOut, "Only a carried-out request has a retention to extend.");
        }
        if (RetentionEndsAt is null || retentionEndsAt > RetentionEndsAt)
        {
            RetentionEndsAt = retentionEndsAt;
            Version++;
        }
    }

    /// <summary>Rule 8: the clinical record is purged only after carry-out and once its retention has ended.</summary>
    public void Purged(DateTimeOffset now)
    {
        if (Status != ErasureStatus.CarriedOut)
        {
            throw new RuleViolationException(DataRightsRules.PurgeOnlyCarriedOut, "Only the record of a carried-out erasure can be purged.");
        }
        if (RetentionEndsAt is not { } end || now < end)
        {
            throw new RuleViolationException(DataRightsRules.PurgeOnlyAfterRetention, "The record's retention has not ended.");
        }
        Status = ErasureStatus.Purged;
        PurgedAt = now;
        Version++;
    }
}

/// <summary>The named rules of the DataRights feature (readme).</summary>
public static class DataRightsRules
{
    public const string OnePendingRequest = "DataRights.OnePendingRequest";
    public const string CancelOnlyWhilePending = "DataRights.CancelOnlyWhilePending";
    public const string CancelOnlyWithinGrace = "DataRights.CancelOnlyWithinGrace";
    public const string CarryOutOnlyPending = "DataRights.CarryOutOnlyPending";
    public const string CarryOutOnlyAfterGrace = "DataRights.CarryOutOnlyAfterGrace";
    public const string PurgeOnlyCarriedOut = "DataRights.PurgeOnlyCarriedOut";
    public const string PurgeOnlyAfterRetention = "DataRights.PurgeOnlyAfterRetention";
    /// <summary>The request is confirmed with the patient's password, so a borrowed unlocked phone cannot ask it.</summary>
    public const string PasswordRequired = "DataRights.PasswordRequired";
}

/// <summary><c>DataRights:*</c> settings.</summary>
public sealed class DataRightsOptions
{
    /// <summary>Days the patient may cancel an erasure request before it is carried out.</summary>
    public int ErasureGraceDays { get; set; } = 30;

    /// <summary>How often each instance looks for requests to carry out and records to purge.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan Grace => TimeSpan.FromDays(ErasureGraceDays);
}

/// <summary>
/// <c>Retention:*</c> settings: how many years a clinical record is kept after the last clinical contact, with an override
/// per country (ISO 3166-1 alpha-2, the patient's <c>CountryCode</c>), e.g. <c>Retention:Countries:GB=8</c>.
/// </summary>
public sealed class RetentionOptions
{
    public int ClinicalYears { get; set; } = 10;

    public Dictionary<string, int> Countries { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public int YearsFor(string? countryCode) =>
        countryCode is { Length: > 0 } code && Countries.TryGetValue(code, out var years) && years > 0 ? years : ClinicalYears;

    /// <summary>Rule 7: the end of retention, counted from the last clinical contact.</summary>
    public DateTimeOffset EndsAt(DateTimeOffset lastClinicalContact, string? countryCode) =>
        lastClinicalContact.AddYears(YearsFor(countryCode));
}
