using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rapport.Web.Data;

/// <summary>
/// Clinical free text (intake, safety plans, alert notes, later session notes) is encrypted before it reaches the
/// database and decrypted when an entity is loaded (security.md: "encrypted at rest with keys outside the database").
/// The keys are the data-protection keys, which outside Development are themselves encrypted by a certificate
/// that never lives in the database, so a copy of the database alone reads nothing.
/// Mark a property with <see cref="ClinicalTextExtensions.IsClinicalText"/>; read it through the entity, never
/// through a projection (a projected column is the ciphertext).
/// </summary>
public sealed class ClinicalTextInterceptor(IDataProtectionProvider protection) : IMaterializationInterceptor, ISaveChangesInterceptor
{
    public const string Annotation = "Rapport:ClinicalText";
    private const string Purpose = "Rapport.ClinicalText.v1";

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    // Plain text swapped out during a save, per context, to be put back once the save ends (either way).
    private static readonly ConditionalWeakTable<DbContext, List<(PropertyEntry Property, string Plain)>> Pending = [];

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        foreach (var property in materializationData.EntityType.GetProperties().Where(IsClinical))
        {
            if (Get(property, entity) is string { Length: > 0 } cipher)
            {
                Set(property, entity, protector.Unprotect(cipher));
            }
        }
        return entity;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Protect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Protect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Restore(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Restore(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context);
        return Task.CompletedTask;
    }

    private void Protect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        // Changes are detected before the swap, so a modified text is seen as modified.
        context.ChangeTracker.DetectChanges();
        var swapped = new List<(PropertyEntry, string)>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            foreach (var property in entry.Properties.Where(p => IsClinical(p.Metadata)))
            {
                if ((entry.State == EntityState.Added || property.IsModified) && property.CurrentValue is string { Length: > 0 } plain)
                {
                    property.CurrentValue = protector.Protect(plain);
                    swapped.Add((property, plain));
                }
            }
        }
        Pending.AddOrUpdate(context, swapped);
    }

    private static void Restore(DbContext? context)
    {
        if (context is null || !Pending.TryGetValue(context, out var swapped))
        {
            return;
        }
        Pending.Remove(context);
        foreach (var (property, plain) in swapped)
        {
            var wasModified = property.IsModified;
            var entryState = property.EntityEntry.State;
            property.CurrentValue = plain;
            if (entryState == EntityState.Unchanged)
            {
                // The save succeeded and was accepted: the entity holds plain text again and has nothing left to save.
                property.OriginalValue = plain;
                property.IsModified = false;
            }
            else
            {
                property.IsModified = wasModified || entryState == EntityState.Modified;
            }
        }
    }

    private static bool IsClinical(IReadOnlyProperty property) => property.FindAnnotation(Annotation)?.Value is true;

    private static object? Get(IProperty property, object entity) =>
        property.FieldInfo is { } field ? field.GetValue(entity) : property.PropertyInfo?.GetValue(entity);

    private static void Set(IProperty property, object entity, object? value)
    {
        if (property.FieldInfo is { } field)
        {
            field.SetValue(entity, value);
        }
        else
        {
            property.PropertyInfo?.SetValue(entity, value);
        }
    }
}

public static class ClinicalTextExtensions
{
    /// <summary>
    /// Encrypts this text column at rest. The column has no length limit: ciphertext of non-Latin text is several
    /// times longer than the text, so the entity's guard limits the plain text instead.
    /// </summary>
    public static PropertyBuilder<TText> IsClinicalText<TText>(this PropertyBuilder<TText> property) =>
        property.HasAnnotation(ClinicalTextInterceptor.Annotation, true);
}
