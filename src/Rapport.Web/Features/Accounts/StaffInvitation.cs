using System.Security.Cryptography;
using System.Text;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// A single-use, expiring invitation for a therapist or admin to join the clinic.
/// Only the SHA-256 of the token is stored, so a database leak does not leak usable links.
/// </summary>
public sealed class StaffInvitation
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);

    /// <summary>256 random bits: far above the 128-bit floor for secrets in links.</summary>
    public const int TokenBytes = 32;

    private StaffInvitation() { }

    public Guid Id { get; private set; }
    public string Email { get; private set; } = "";
    public string Role { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public Guid InvitedBy { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public Guid? AcceptedUserId { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Creates an invitation and returns the plain token, which exists only in the e-mailed link.</summary>
    public static (StaffInvitation Invitation, string Token) Issue(string email, string role, Guid invitedBy, DateTimeOffset now, TimeSpan? lifetime = null)
    {
        if (role is not (Roles.Therapist or Roles.Admin))
        {
            throw new RuleViolationException(InvitationRules.OnlyStaffAreInvited, "Only therapists and admins join by invitation; patients register themselves.");
        }

        var token = Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));
        var invitation = new StaffInvitation
        {
            Id = Guid.CreateVersion7(now),
            Email = email.Trim(),
            Role = role,
            TokenHash = HashToken(token),
            CreatedAt = now,
            ExpiresAt = now + (lifetime ?? DefaultLifetime),
            InvitedBy = invitedBy,
        };
        return (invitation, token);
    }

    public bool IsUsable(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && now < ExpiresAt;

    /// <summary>Refuses a used, revoked or expired invitation, so a link works exactly once and not forever.</summary>
    public void Accept(Guid userId, DateTimeOffset now)
    {
        if (AcceptedAt is not null)
        {
            throw new RuleViolationException(InvitationRules.UsedOnce, "This invitation has already been used. Ask the clinic for a new one.");
        }
        if (RevokedAt is not null)
        {
            throw new RuleViolationException(InvitationRules.NotRevoked, "This invitation was withdrawn. Ask the clinic for a new one.");
        }
        if (now >= ExpiresAt)
        {
            throw new RuleViolationException(InvitationRules.NotExpired, "This invitation has expired. Ask the clinic for a new one.");
        }
        AcceptedAt = now;
        AcceptedUserId = userId;
    }

    public void Revoke(DateTimeOffset now)
    {
        if (AcceptedAt is not null)
        {
            throw new RuleViolationException(InvitationRules.UsedOnce, "This invitation has already been used.");
        }
        RevokedAt ??= now;
    }

    public static string HashToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public static class InvitationRules
{
    public const string OnlyStaffAreInvited = "Invitation.OnlyStaffAreInvited";
    public const string UsedOnce = "Invitation.UsedOnce";
    public const string NotExpired = "Invitation.NotExpired";
    public const string NotRevoked = "Invitation.NotRevoked";
}
