using System.Security.Cryptography;
using System.Text;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.Assessments;

/// <summary>
/// Maps an API idempotency key onto the response's <see cref="AssessmentResponse.SubmissionId"/>: a GUID key is used as it
/// is (so a client may send the same value as header and as <c>submissionId</c>); any other opaque key becomes a GUID
/// derived from its SHA-256, so the same key always names the same submission and the unique index keeps working.
/// </summary>
public static class SubmissionKey
{
    public const int MaxLength = 100;

    /// <summary>The submission id the request names, or null when it names none (then every request is a new one).</summary>
    public static Guid? Resolve(string? idempotencyKey, Guid? bodySubmissionId)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            return bodySubmissionId;
        }
        if (idempotencyKey.Length > MaxLength)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                [IdempotencyFilter.Header] = [$"Use an Idempotency-Key of at most {MaxLength} characters."],
            });
        }
        var fromKey = FromKey(idempotencyKey);
        if (bodySubmissionId is { } body && body != fromKey)
        {
            throw new RuleViolationException(AssessmentRules.IdempotencyKeyMismatch,
                "The Idempotency-Key header and the submissionId in the body name different submissions. Send one of them, or the same GUID in both.");
        }
        return fromKey;
    }

    private static Guid FromKey(string key)
    {
        if (Guid.TryParse(key, out var guid))
        {
            return guid;
        }
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16).ToArray();
        // Mark it as an RFC 9562 version 8 (custom) UUID, so it can never equal a random (v4) or time-ordered (v7) one.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
