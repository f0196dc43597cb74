using Microsoft.AspNetCore.Identity;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// A patient registers (readme, flow 1 and rule 4): the account, its Patient role and its confirmation e-mail are stored
/// together or not at all, and recorded as <c>account.registered</c>. A taken address gets the same answer as a free one
/// while its owner is told by e-mail, so nobody learns from the answer that a person uses Rapport.
/// </summary>
public sealed class Registration(UserManager<RapportUser> users, IPasswordHasher<RapportUser> hasher, AppDbContext db, AccountMail mail, Auditor audit)
{
    /// <summary>
    /// Registers <paramref name="user"/> (name, address and profile filled in by the caller). Succeeds alike for a new
    /// account and for an address that already has one; fails only for what the form can show (a refused password, whose
    /// error codes start with "Password", or another refusal by Identity), and then stores nothing.
    /// </summary>
    public async Task<IdentityResult> RegisterAsync(RapportUser user, string password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        // The password is judged before anyone looks for the address, so a taken address and a free one get the same
        // refusals in the same order ("too common" for both); only then do the two paths part, out of sight.
        var passwordErrors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            passwordErrors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }
        if (passwordErrors.Count > 0)
        {
            return IdentityResult.Failed([.. passwordErrors]);
        }

        var existing = await users.FindByEmailAsync(user.Email!);
        if (existing is not null)
        {
            // Saying "this e-mail is taken" would tell anyone who types an address that this person is in therapy.
            hasher.HashPassword(existing, password); // same time as creating an account: timing reveals nothing
            mail.QueueAlreadyRegistered(existing);
            await db.SaveChangesAsync(ct);
            mail.SendSoon();
            await audit.RecordAsync(AuditAction.Registered, AuditOutcome.Failure, existing.Id, detail: "duplicate e-mail", ct: ct);
            return IdentityResult.Success;
        }

        // The account, its role and its confirmation e-mail are one change: all stored or none.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return created;
            }
            await users.AddToRoleAsync(user, Roles.Patient);
            mail.QueueConfirmation(user, await users.GenerateEmailConfirmationTokenAsync(user));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        mail.SendSoon();
        await audit.RecordAsync(AuditAction.Registered, userId: user.Id, ct: ct);
        return IdentityResult.Success;
    }
}
