using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// People's display names, addresses and choices (zone, country, language) as other features show or use them, so
/// no other feature reads the account table (docs/architecture.md, "Layers").
/// </summary>
public sealed class PeopleNames(AppDbContext db)
{
    private readonly Dictionary<Guid, Person?> found = [];

    /// <summary>Who can be reached by e-mail: their address and display name.</summary>
    public sealed record Reachable(Guid Id, string Email, string DisplayName);

    /// <summary>What other features may know of an account: never its password, security stamps or lockout.</summary>
    public sealed record Person
    {
        public required Guid Id { get; init; }
        public required string DisplayName { get; init; }
        public string? Email { get; init; }
        public required string TimeZoneId { get; init; }
        public required string CountryCode { get; init; }
        public string? PhoneNumber { get; init; }
        public required string PreferredLanguage { get; init; }
        /// <summary>When the person's account was erased; their clinical record may still be kept until <see cref="RecordsKeptUntil"/>.</summary>
        public DateTimeOffset? ErasedAt { get; init; }
        public DateTimeOffset? RecordsKeptUntil { get; init; }
    }

    private static readonly Expression<Func<RapportUser, Person>> AsPerson = u => new Person
    {
        Id = u.Id,
        DisplayName = u.DisplayName,
        Email = u.Email,
        TimeZoneId = u.TimeZoneId,
        CountryCode = u.CountryCode,
        PhoneNumber = u.PhoneNumber,
        PreferredLanguage = u.PreferredLanguage,
        ErasedAt = u.ErasedAt,
        RecordsKeptUntil = u.RecordsKeptUntil,
    };

    /// <summary>
    /// Every account as <see cref="Person"/>, for a feature that joins or filters people inside its own query (one round
    /// trip instead of two). Read-only: a <see cref="Person"/> is not an entity, so nothing of it is tracked.
    /// </summary>
    // No AsNoTracking here: it would turn the caller's whole query into a no-tracking one, so an entity of the caller's
    // loaded in the same query to be changed (a profile an admin approves) would silently never be saved.
    public IQueryable<Person> People => db.Users.Select(AsPerson);

    /// <summary>One person, as a part of another feature's query (Data/QueryPart.cs).</summary>
    public static readonly Expression<Func<AppDbContext, Guid, IQueryable<Person>>> ById =
        (db, id) => db.Users.Where(u => u.Id == id).Select(AsPerson);

    /// <summary>One person's display name, or null, as a part of another feature's query (Data/QueryPart.cs).</summary>
    public static readonly Expression<Func<AppDbContext, Guid?, string?>> NameOf =
        (db, id) => db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefault();

    /// <summary>One person (the signed-in one, say), or null when there is no such account.</summary>
    public async Task<Person?> FindAsync(Guid id, CancellationToken ct = default)
    {
        // Kept for the request (this class is scoped), as Identity's manager kept the account in the change tracker: a
        // page asks for the viewer's zone and country more than once, and one query answers both.
        if (!found.TryGetValue(id, out var person))
        {
            found[id] = person = await People.SingleOrDefaultAsync(p => p.Id == id, ct);
        }
        return person;
    }

    /// <summary>The time zone <paramref name="id"/> chose, or UTC when there is no such account or the zone is unknown.</summary>
    public async Task<TimeZoneInfo> ZoneOfAsync(Guid id, CancellationToken ct) =>
        ProfileChoices.ZoneOrUtc(await db.Users.Where(u => u.Id == id).Select(u => u.TimeZoneId).SingleOrDefaultAsync(ct));

    /// <summary>The display names of <paramref name="ids"/>; an id with no account is missing from the answer.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> OfAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        // Only the two columns: a caseload's worth of whole account rows would carry every secret column with it.
        return await db.Users.Where(u => wanted.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
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

    /// <summary>The admins who have an e-mail address: whom a safety alert goes to when it has no clinician to go to.</summary>
    public async Task<IReadOnlyList<Guid>> ReachableAdminsAsync(CancellationToken ct) =>
        await InRole(Roles.Admin).Where(p => p.Email != null).Select(p => p.Id).ToListAsync(ct);

    /// <summary>
    /// The people holding <paramref name="role"/> (<see cref="Roles"/>), as <see cref="People"/> is, to list, count or join
    /// inside the caller's own query.
    /// </summary>
    public IQueryable<Person> InRole(string role) =>
        from p in People
        join ur in db.UserRoles on p.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where r.Name == role
        select p;

    /// <summary>The account with this e-mail address (compared as Identity normalises it), or null.</summary>
    public Task<Guid?> WithEmailAsync(string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
    }
}
