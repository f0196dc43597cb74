namespace Rapport.Web.Features;

/// <summary>
/// A domain rule refused an operation. The rule name is stable (for tests and clients);
/// the message is written for the person who tried, and is shown to them as is.
/// </summary>
public sealed class RuleViolationException(string rule, string message) : Exception(message)
{
    public string Rule { get; } = rule;
}

/// <summary>A record does not exist or is not the caller's: both answer 404 so ids cannot be probed.</summary>
public sealed class NotFoundException(string message = "Not found.") : Exception(message);

/// <summary>Input that does not fit (400): each field's problems, in words a person can act on. Nothing was stored.</summary>
public sealed class InputValidationException(IReadOnlyDictionary<string, string[]> errors, string message = "Some of what was sent does not fit.")
    : Exception(message)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
