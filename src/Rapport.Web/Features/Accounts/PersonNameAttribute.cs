using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// A person's name as they write it. Names go into e-mails Rapport sends, possibly to someone else's address, so a name
/// holds no control characters (no injected lines), no angle brackets, no links (no phishing text under Rapport's name)
/// and no bidirectional overrides or isolates (which can make a name read as something else). Everything else people
/// write their names with is welcome, judged on whole code points rather than UTF-16 halves: letters of every script,
/// marks, an emoji (a surrogate pair), and the zero-width non-joiner and joiner that Persian, Arabic and Indic names
/// need ("علی‌رضا").
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class PersonNameAttribute : ValidationAttribute
{
    private const int ZeroWidthNonJoiner = 0x200C;
    private const int ZeroWidthJoiner = 0x200D;

    public PersonNameAttribute() : base(ProfileInput.NameMessage)
    {
    }

    public override bool IsValid(object? value) => value is not string name || IsName(name);

    public static bool IsName(string name)
    {
        if (name.Contains("://", StringComparison.Ordinal) || name.Contains("www.", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var index = 0;
        while (index < name.Length)
        {
            // A lone surrogate half is not a character at all.
            if (Rune.DecodeFromUtf16(name.AsSpan(index), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }
            index += used;
            if (rune.Value is '<' or '>')
            {
                return false;
            }
            var allowed = Rune.GetUnicodeCategory(rune) switch
            {
                UnicodeCategory.Control or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
                // Format characters hide text or reorder it (bidirectional overrides and isolates); only the joiners
                // that some scripts spell names with are kept.
                UnicodeCategory.Format => rune.Value is ZeroWidthNonJoiner or ZeroWidthJoiner,
                _ => true,
            };
            if (!allowed)
            {
                return false;
            }
        }
        return true;
    }
}
