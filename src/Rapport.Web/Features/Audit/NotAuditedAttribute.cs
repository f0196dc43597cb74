namespace Rapport.Web.Features.Audit;

/// <summary>
/// Declares that a page or endpoint deliberately writes no declared audit row, and says why: it touches no personal
/// data (a public page, a health probe), or its every action is recorded where it happens (the live session's hub).
/// Every endpoint carries either this or <see cref="AuditedAttribute"/> (readme, rule 5), so forgetting both is
/// caught by the route-table test instead of by a compliance check. Put it on a PageModel class, or use
/// <see cref="NotAuditedSetup.WithoutAudit{TBuilder}"/> on an endpoint.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NotAuditedAttribute : Attribute
{
    public NotAuditedAttribute(string reason)
    {
        // A reason nobody wrote is no reason: the declaration exists to be read by whoever reviews the route table.
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Reason = reason;
    }

    public string Reason { get; }
}

public static class NotAuditedSetup
{
    public static TBuilder WithoutAudit<TBuilder>(this TBuilder builder, string reason) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new NotAuditedAttribute(reason));
}
