using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Rapport.Web.Data;

/// <summary>
/// Clinical free text (intake, safety plans, alert notes, session notes, the course's records) is encrypted before it
/// reaches the database and decrypted as it is read, with keys kept outside the database, so a copy of the
/// database alone shows none of it.
/// The keys are the data-protection keys, which outside Development are themselves encrypted by a certificate
/// that never lives in the database, so a copy of the database alone reads nothing.
/// Mark a property with <see cref="ClinicalTextExtensions.IsClinicalText"/>: it gets a value converter, so an entity,
/// a projection and an <c>ExecuteUpdate</c> all see plain text while the column holds only ciphertext.
/// </summary>
/// <remarks>
/// A value converter rather than a materialization interceptor: with any materialization interceptor EF builds, for
/// every entity it loads, a delegate per property for the interceptor to read values through, and that cost a
/// clinical page about a tenth of its time (docs/performance.md). A converter is compiled into the query once.
/// </remarks>
public sealed class ClinicalTextCipher(IDataProtectionProvider protection)
{
    public const string Annotation = "Rapport:ClinicalText";
    private const string Purpose = "Rapport.ClinicalText.v1";

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    public string Seal(string plain) => plain.Length == 0 ? plain : protector.Protect(plain);

    public string Open(string cipher) => cipher.Length == 0 ? cipher : protector.Unprotect(cipher);

    /// <summary>The app's cipher for this context, or null where no app runs (design time, a bare migration).</summary>
    public static ClinicalTextCipher? Of(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<ClinicalTextCipher>();

    /// <summary>Gives every property marked as clinical text its converter, once the whole model is configured.</summary>
    internal sealed class Convention(ClinicalTextCipher? cipher) : IModelFinalizingConvention
    {
        public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
        {
            ValueConverter converter = cipher is null
                ? new ValueConverter<string, string>(v => NoKeys(), v => NoKeys())
                : new ValueConverter<string, string>(v => cipher.Seal(v), v => cipher.Open(v));
            foreach (var entity in modelBuilder.Metadata.GetEntityTypes())
            {
                foreach (var property in entity.GetDeclaredProperties().Where(p => p.FindAnnotation(Annotation)?.Value is true))
                {
                    property.SetValueConverter(converter);
                }
            }
        }

        // Without the app's keys clinical text can be neither written (it would be stored in clear) nor read.
        private static string NoKeys() =>
            throw new InvalidOperationException("Clinical text is read and written only through the app, which holds the data-protection keys.");
    }

    /// <summary>The model holds the cipher in its converters, so each app (each set of keys) gets a model of its own.</summary>
    internal sealed class ModelCacheKey : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) => (context.GetType(), designTime, Of(context));
    }
}

public static class ClinicalTextExtensions
{
    /// <summary>
    /// Encrypts this text column at rest. The column has no length limit: ciphertext of non-Latin text is several
    /// times longer than the text, so the entity's guard limits the plain text instead.
    /// </summary>
    public static PropertyBuilder<TText> IsClinicalText<TText>(this PropertyBuilder<TText> property) =>
        property.HasAnnotation(ClinicalTextCipher.Annotation, true);
}
