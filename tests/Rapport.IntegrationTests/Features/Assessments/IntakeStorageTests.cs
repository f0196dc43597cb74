using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;

namespace Rapport.IntegrationTests.Features.Assessments;

/// <summary>What a patient writes in the intake is clinical free text, encrypted at rest, also after it is changed.</summary>
public abstract class IntakeStorageTests(RapportApp app)
{
    private static readonly Intake.Details Details = new("Since my husband left I stay in bed most days", new DateOnly(2026, 3, 1),
        "Counselling in 2019", "Sertraline 50 mg", "Ana Lima", "Sister", "+351 912 345 678", "PT", "Porto");

    private async Task<Guid> SavedIntakeAsync()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.QueryAsync(async db =>
        {
            db.Intakes.Add(Intake.Complete(patient.Id, Details, app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
        return patient.Id;
    }

    [Fact]
    public async Task AnIntakeIsUnreadableInTheDatabaseAndReadsBackAsWritten()
    {
        var patientId = await SavedIntakeAsync();

        var rawReason = await app.RawTextAsync("Intakes", "WhatBringsYou", "PatientId", patientId);
        var rawMedication = await app.RawTextAsync("Intakes", "Medication", "PatientId", patientId);
        var rawContact = await app.RawTextAsync("Intakes", "EmergencyContactName", "PatientId", patientId);
        var read = await app.QueryAsync(db => db.Intakes.AsNoTracking().SingleAsync(i => i.PatientId == patientId));

        Assert.DoesNotContain("husband", rawReason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Sertraline", rawMedication, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Ana Lima", rawContact, StringComparison.Ordinal);
        Assert.Equal(Details.WhatBringsYou, read.WhatBringsYou);
        Assert.Equal("Sertraline 50 mg", read.Medication);
        Assert.Equal("+351912345678", read.EmergencyContactPhone);
        Assert.Equal("PT", read.CountryCode);
    }

    [Fact]
    public async Task AChangedIntakeIsEncryptedAgainAndTheRestStaysReadable()
    {
        var patientId = await SavedIntakeAsync();
        var rawBefore = await app.RawTextAsync("Intakes", "WhatBringsYou", "PatientId", patientId);

        await app.QueryAsync(async db =>
        {
            var intake = await db.Intakes.SingleAsync(i => i.PatientId == patientId);
            intake.Update(Details with { WhatBringsYou = "Arguments with my mother about the children", Medication = null }, app.Clock.GetUtcNow());
            var saved = await db.SaveChangesAsync();
            Assert.Equal("Arguments with my mother about the children", intake.WhatBringsYou);
            return saved;
        });
        var rawAfter = await app.RawTextAsync("Intakes", "WhatBringsYou", "PatientId", patientId);
        var read = await app.QueryAsync(db => db.Intakes.AsNoTracking().SingleAsync(i => i.PatientId == patientId));

        Assert.NotEqual(rawBefore, rawAfter);
        Assert.DoesNotContain("mother", rawAfter, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Arguments with my mother about the children", read.WhatBringsYou);
        Assert.Null(read.Medication);
        Assert.Equal("Ana Lima", read.EmergencyContactName);
        Assert.Equal("Counselling in 2019", read.PreviousTreatment);
    }

    [Fact]
    public async Task AnIntakeChangedTwiceInOneUnitOfWorkReadsBackAsTheLastChange()
    {
        var patientId = await SavedIntakeAsync();

        await app.QueryAsync(async db =>
        {
            var intake = await db.Intakes.SingleAsync(i => i.PatientId == patientId);
            intake.Update(Details with { UsualLocation = "Lisbon" }, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            intake.Update(Details with { UsualLocation = "Braga" }, app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        var read = await app.QueryAsync(db => db.Intakes.AsNoTracking().SingleAsync(i => i.PatientId == patientId));

        Assert.Equal("Braga", read.UsualLocation);
        Assert.Equal(Details.WhatBringsYou, read.WhatBringsYou);
    }
}

public sealed class IntakeStorageTestsOnSqlite(SqliteApp app) : IntakeStorageTests(app);

public sealed class IntakeStorageTestsOnPostgres(PostgresApp app) : IntakeStorageTests(app);
