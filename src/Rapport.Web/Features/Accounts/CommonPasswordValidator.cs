using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// Refuses passwords that attackers try first (NIST SP 800-63B 5.1.1.2: check against breached and
/// commonly used values), and passwords built from the person's own e-mail or name.
/// Length is the other rule (8 to 128); no composition rules, which push people to "Password1!".
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<RapportUser>
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(LoadList);

    public Task<IdentityResult> ValidateAsync(UserManager<RapportUser> manager, RapportUser user, string? password) =>
        Task.FromResult(Validate(password, user.Email, user.DisplayName));

    public static IdentityResult Validate(string? password, string? email, string? displayName)
    {
        password ??= "";
        if (password.Length > MaximumLength)
        {
            return Fail("PasswordTooLong", $"Use at most {MaximumLength} characters.");
        }
        var folded = password.Trim().ToLowerInvariant();
        if (IsCommon(folded))
        {
            return Fail("PasswordCommon", "This password is too common and easy to guess. A short sentence you will remember works well.");
        }
        if (folded.Distinct().Count() <= 2)
        {
            return Fail("PasswordRepetitive", "This password repeats the same characters. Choose something less predictable.");
        }
        var local = email?.Split('@')[0].ToLowerInvariant();
        if ((local is { Length: >= 4 } && folded.Contains(local, StringComparison.Ordinal))
            || (displayName is { Length: >= 4 } && folded.Contains(displayName.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal)))
        {
            return Fail("PasswordPersonal", "Do not build the password from your e-mail address or name.");
        }
        return IdentityResult.Success;
    }

    /// <summary>A password is common if it, or it without trailing digits and symbols ("monkey123!"), is on the list.</summary>
    public static bool IsCommon(string foldedPassword)
    {
        if (Common.Value.Contains(foldedPassword))
        {
            return true;
        }
        var stem = foldedPassword.TrimEnd("0123456789!@#$%^&*.?_-".ToCharArray());
        return stem.Length > 0 && stem.Length < foldedPassword.Length && Common.Value.Contains(stem);
    }

    private static IdentityResult Fail(string code, string description) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = description });

    private static HashSet<string> LoadList()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Rapport.Web.Features.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }
        return set;
    }
}
