using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// People's display names and addresses as other features show or write to them, read from the accounts in one query, so
/// no other feature reads the account table (docs/architecture.md, "Layers").
/// </summary>
public sealed class PeopleNames(AppDbContext db)
{
    /// <summary>Who can be reached by e-mail: their address and display name.</summary>
    public sealed record Reachable(Guid Id, string Email, string DisplayName);

    /// <summary>The display names of <paramref name="ids"/>; an id with no account is missing from the answer.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> OfAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    /// <summary>One person's display name, or null when there is no such account.</summary>
    public Task<string?> OfAsync(Guid id, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);

    /// <summary>Those of <paramref name="ids"/> who have an e-mail address, with it and their name.</summary>
    public async Task<IReadOnlyList<Reachable>> ReachableAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id) && u.Email != null)
            .Select(u => new Reachable(u.Id, u.Email!, u.DisplayName)).ToListAsync(ct);
    }
}
