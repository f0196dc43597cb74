namespace Rapport.Web.Features.Booking;

/// <summary>
/// The first answer to an API write sent with an <c>Idempotency-Key</c>, kept so that a retry returns
/// it instead of doing the work again. The row is inserted before the work (its key is the primary key),
/// so two concurrent retries cannot both do it.
/// </summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord() { }

    public Guid UserId { get; private set; }
    public string Key { get; private set; } = "";
    /// <summary>SHA-256 of method, path and body: the same key with a different request is refused.</summary>
    public string RequestHash { get; private set; } = "";
    public int? StatusCode { get; private set; }
    public string? ResponseBody { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public bool Completed => StatusCode is not null;

    public static IdempotencyRecord Start(Guid userId, string key, string requestHash, DateTimeOffset now) =>
        new() { UserId = userId, Key = key, RequestHash = requestHash, CreatedAt = now };

    public void Complete(int statusCode, string responseBody)
    {
        StatusCode = statusCode;
        ResponseBody = responseBody;
    }
}
