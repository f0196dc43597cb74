using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Benchmarks;

/// <summary>
/// The care-relationships target (docs/performance.md, "Care access"): the access check adds under 1 ms per request,
/// and a list asks once for the whole list, never once per row. A migrated SQLite file (WAL, as
/// <see cref="DataSetup.MigrateAsync"/> leaves it) with a clinic of realistic size: 200 clinicians, 5,000 patients,
/// 10,000 relationships (each patient in one clinician's care plus one discharged, declined, withdrawn or open
/// enquiry with another), 600 cover periods (half of them active now), 40 supervisors of 4 therapists each.
/// Everything is written through the entities' own methods. The file is built once and reused by the benchmark's
/// processes (delete it to rebuild); the global setup checks that each measured call runs exactly one SQL command.
/// </summary>
[MemoryDiagnoser]
public class CareAccessBenchmarks
{
    private const int Clinicians = 200;
    private const int Patients = 5_000;
    private const int Supervisors = 40;
    private const int SuperviseesEach = 4;
    private const int ActiveCover = 300;

    private static readonly string DatabasePath = Path.Combine(Path.GetTempPath(), "rapport-care-access-benchmark-v1.db");

    private readonly CommandCounter _commands = new();
    private SqliteAppDbContext _db = null!;
    private CareAccess _access = null!;
    private Guid[] _clinicians = [];
    private Guid[] _patients = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _clinicians = [.. Enumerable.Range(0, Clinicians).Select(i => Id(1, i))];
        _patients = [.. Enumerable.Range(0, Patients).Select(i => Id(2, i))];
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={DatabasePath};Pooling=True;Default Timeout=30", s => s.MigrationsAssembly(DataSetup.SqliteMigrations)).AddInterceptors(_commands).Options;
        _db = new SqliteAppDbContext(options);
        // StandingAsync and PatientsWhoseRecordIsReadBy never write an audit row (only a denial by the Ensure… methods does).
        _access = new CareAccess(_db, new PeopleNames(_db), TimeProvider.System, null!);
        if (!await ReusableAsync())
        {
            await _db.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
            {
                File.Delete(file);
            }
            _db = new SqliteAppDbContext(options);
            _access = new CareAccess(_db, new PeopleNames(_db), TimeProvider.System, null!);
            await BuildClinicAsync(_db);
        }

        await ExpectOneCommandAsync(nameof(StandingOfTheResponsibleClinician), StandingOfTheResponsibleClinician);
        await ExpectOneCommandAsync(nameof(StandingOfACoveringClinician), StandingOfACoveringClinician);
        await ExpectOneCommandAsync(nameof(StandingOfASupervisor), StandingOfASupervisor);
        await ExpectOneCommandAsync(nameof(StandingOfAStranger), StandingOfAStranger);
        await ExpectOneCommandAsync(nameof(ListOfATherapist), ListOfATherapist);
        await ExpectOneCommandAsync(nameof(ListOfASupervisor), ListOfASupervisor);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _db.DisposeAsync();

    /// <summary>The cheapest round trip (one row by primary key): what any check that asks the database costs at least.</summary>
    [Benchmark(Baseline = true)]
    public async Task<object> OneRowByKey() => await _db.Users.AsNoTracking().AnyAsync(u => u.Id == _patients[10]);

    [Benchmark]
    public async Task<object> StandingOfTheResponsibleClinician() => (await _access.StandingAsync(_clinicians[10], _patients[10], default)).Role;

    /// <summary>Patient 5's therapist is away; clinician 6 covers.</summary>
    [Benchmark]
    public async Task<object> StandingOfACoveringClinician() => (await _access.StandingAsync(_clinicians[6], _patients[5], default)).Role;

    /// <summary>Supervisor 0 supervises therapists 40–43; patient 41 is in therapist 41's care.</summary>
    [Benchmark]
    public async Task<object> StandingOfASupervisor() => (await _access.StandingAsync(_clinicians[0], _patients[41], default)).Role;

    /// <summary>No relationship at all: every subquery runs to the end (the refusal path before its audit row).</summary>
    [Benchmark]
    public async Task<object> StandingOfAStranger() => (await _access.StandingAsync(_clinicians[150], _patients[10], default)).Role;

    /// <summary>A therapist's patient list (25 in their care, 12 they cover for now): names of every patient whose record they read, in one query.</summary>
    [Benchmark]
    public async Task<object> ListOfATherapist() => await ListAsync(_clinicians[54]);

    /// <summary>A supervisor's list: their own 25 and the 100 of the four therapists they supervise, in one query.</summary>
    [Benchmark]
    public async Task<object> ListOfASupervisor() => await ListAsync(_clinicians[0]);

    private async Task<int> ListAsync(Guid clinicianId)
    {
        var readable = _access.PatientsWhoseRecordIsReadBy(clinicianId);
        var rows = await _db.Users.AsNoTracking().Where(u => readable.Contains(u.Id)).OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync();
        return rows.Count;
    }

    /// <summary>A file built earlier is reused while it is whole and its cover periods are still active (they last two weeks).</summary>
    private async Task<bool> ReusableAsync()
    {
        if (!File.Exists(DatabasePath))
        {
            return false;
        }
        try
        {
            return await _db.CareRelationships.CountAsync() == 2 * Patients
                && (await _access.StandingAsync(_clinicians[6], _patients[5], default)).Role == CareRole.Covering;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private async Task ExpectOneCommandAsync(string name, Func<Task<object>> call)
    {
        _commands.Count = 0;
        var result = await call();
        Console.WriteLine($"// {name}: {result}, {_commands.Count} SQL command(s)");
        if (Environment.GetEnvironmentVariable("RAPPORT_BENCHMARK_SQL") == "1")
        {
            Console.WriteLine(_commands.LastCommand);
        }
        if (_commands.Count != 1)
        {
            throw new InvalidOperationException($"{name} ran {_commands.Count} SQL commands; expected exactly one.");
        }
    }

    private static Guid Id(int kind, int i) => new($"{kind:x8}-0000-4000-8000-{i:x12}");

    private async Task BuildClinicAsync(SqliteAppDbContext db)
    {
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        var now = DateTimeOffset.UtcNow;
        var admin = Guid.NewGuid();
        db.Users.Add(Person(admin, "Admin", now));
        for (var c = 0; c < Clinicians; c++)
        {
            db.Users.Add(Person(_clinicians[c], $"Clinician {c:000}", now));
        }
        for (var p = 0; p < Patients; p++)
        {
            db.Users.Add(Person(_patients[p], $"Patient {p:0000}", now));
        }
        await db.SaveChangesAsync();

        var inCare = new CareRelationship[Patients];
        for (var p = 0; p < Patients; p++)
        {
            var first = now.AddDays(-200 + p % 150);
            var responsible = _clinicians[p % Clinicians];
            var care = CareRelationship.OpenEnquiry(_patients[p], responsible, first, first.AddDays(-7));
            care.OfferCare(responsible, first.AddHours(1));
            care.Confirm(_patients[p], true, first.AddHours(5));
            inCare[p] = care;
            db.CareRelationships.Add(care);

            // (7p + 3) mod 200 never equals p mod 200 (6p + 3 is odd), so this is always another clinician.
            var other = _clinicians[(7 * p + 3) % Clinicians];
            var earlier = first.AddDays(-30);
            var second = CareRelationship.OpenEnquiry(_patients[p], other, p % 4 == 2 ? now.AddDays(3) : earlier, earlier.AddDays(-5));
            switch (p % 4)
            {
                case 0:
                    second.OfferCare(other, earlier.AddHours(1));
                    second.Confirm(_patients[p], true, earlier.AddHours(2));
                    second.Discharge(other, "Referred on after the assessment.", null, earlier.AddDays(1));
                    break;
                case 1:
                    second.Decline(other, "A colleague will suit you better.", null, earlier.AddDays(1));
                    break;
                case 3:
                    second.Withdraw(_patients[p], earlier.AddDays(1));
                    break;
            }
            db.CareRelationships.Add(second);
        }
        for (var k = 0; k < ActiveCover; k++)
        {
            // Active now: patient 5 + 16k's therapist is away and the next clinician covers.
            var p = 5 + 16 * k;
            var care = inCare[p];
            db.CoverPeriods.Add(CoverPeriod.Arrange(care, _clinicians[(p + 1) % Clinicians], now.AddDays(-3), now.AddDays(11), care.ClinicianId, now.AddDays(-4)));
            // Over: a holiday last quarter, arranged then.
            var q = 9 + 16 * k;
            var old = inCare[q];
            db.CoverPeriods.Add(CoverPeriod.Arrange(old, _clinicians[(q + 2) % Clinicians], now.AddDays(-90), now.AddDays(-76), old.ClinicianId, now.AddDays(-95)));
        }
        for (var s = 0; s < Supervisors; s++)
        {
            for (var t = 0; t < SuperviseesEach; t++)
            {
                db.SupervisionAssignments.Add(SupervisionAssignment.Assign(_clinicians[s], _clinicians[Supervisors + SuperviseesEach * s + t], admin, now.AddDays(-100)));
            }
        }
        db.ClinicalLeadShifts.Add(ClinicalLeadShift.Plan(_clinicians[1], now.AddDays(-7), now.AddDays(7), admin, now.AddDays(-10)));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static RapportUser Person(Guid id, string name, DateTimeOffset now)
    {
        var email = $"{id:N}@benchmark.rapport.test";
        return new RapportUser
        {
            Id = id,
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = name,
            CreatedAt = now,
            SecurityStamp = Guid.NewGuid().ToString(),
        };
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count { get; set; }

        public string LastCommand { get; private set; } = "";

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            LastCommand = command.CommandText;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count++;
            LastCommand = command.CommandText;
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
