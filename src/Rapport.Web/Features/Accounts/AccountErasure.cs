using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// The account's part of a patient's data rights (DataRights readme, rules 4, 8 and 9): the account itself, tracked in the
/// caller's unit of work so its guarded methods (<see cref="RapportUser.EraseSignIn"/>, <see cref="RapportUser.ForgetName"/>)
/// save with the rest; the sign-ins removed in the caller's transaction; and the details the patient's copy shows. The
/// caller checks who may ask, records the audit entry and saves (docs/architecture.md, "Layers").
/// </summary>
public sealed class AccountErasure(AppDbContext db)
{
    /// <summary>What the patient's copy says about the account: never its password, stamps or lockout.</summary>
    public sealed record Details
    {
        public required string DisplayName { get; init; }
        public string? Email { get; init; }
        public string? PhoneNumber { get; init; }
        public required string CountryCode { get; init; }
        public required string TimeZoneId { get; init; }
        public required string PreferredLanguage { get; init; }
        public required DateTimeOffset CreatedAt { get; init; }
    }

    /// <summary>How many of each kind of sign-in were removed.</summary>
    public sealed record SignIns(int Sessions, int IdentityTokens, int ExternalLogins, int Claims);

    /// <summary>The account, tracked, or null when there is none or it was erased already.</summary>
    public Task<RapportUser?> UnerasedAsync(Guid userId, CancellationToken ct) =>
        db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.ErasedAt == null, ct);

    /// <summary>The account, tracked, erased or not.</summary>
    public Task<RapportUser> OfAsync(Guid userId, CancellationToken ct) => db.Users.SingleAsync(u => u.Id == userId, ct);

    /// <summary>The details of an account not erased, or null.</summary>
    public Task<Details?> DetailsAsync(Guid userId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId && u.ErasedAt == null).Select(u => new Details
        {
            DisplayName = u.DisplayName,
            Email = u.Email,
            PhoneNumber = u.PhoneNumber,
            CountryCode = u.CountryCode,
            TimeZoneId = u.TimeZoneId,
            PreferredLanguage = u.PreferredLanguage,
            CreatedAt = u.CreatedAt,
        }).SingleOrDefaultAsync(ct);

    /// <summary>
    /// Removes the person's API sign-ins and Identity's tokens, external logins and claims, in the caller's transaction;
    /// the account row's own sign-in fields go with <see cref="RapportUser.EraseSignIn"/>.
    /// </summary>
    public async Task<SignIns> ForgetSignInsAsync(Guid userId, CancellationToken ct) => new(
        await db.TokenFamilies.Where(f => f.UserId == userId).ExecuteDeleteAsync(ct),
        await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct),
        await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(ct),
        await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct));
}
