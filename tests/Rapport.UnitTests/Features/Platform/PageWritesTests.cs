using ArchUnitNET.Domain;
using ArchUnitNET.Domain.Dependencies;
using ArchUnitNET.Loader;

namespace Rapport.UnitTests.Features.Platform;

/// <summary>
/// A page only translates: a write, its audit entry and its e-mail belong to the feature's use case, which the JSON API
/// and the hub call too, so none of them can skip a side effect (docs/architecture.md, "Use cases own their side
/// effects"). Every page model, its lambdas and its async handlers included, is read from the compiled assembly
/// with ArchUnitNET (which counts those calls as the page's own), and one that calls a save, the auditor's writes or
/// the outbox fails this test.
/// </summary>
public sealed class PageWritesTests
{
    /// <summary>What only a use case calls: the target type's full name and its method names.</summary>
    private static readonly (string Type, string[] Methods)[] Writes =
    [
        ("Microsoft.EntityFrameworkCore.DbContext", ["SaveChanges", "SaveChangesAsync"]),
        ("Rapport.Web.Data.AppDbContext", ["SaveChanges", "SaveChangesAsync"]),
        ("Rapport.Web.Features.Audit.Auditor", ["Stage", "RecordAsync"]),
        ("Rapport.Web.Features.Notifications.Outbox", ["Queue", "SendSoon"]),
    ];

    private static readonly Lazy<Architecture> Compiled = new(() => new ArchLoader().LoadAssemblies(typeof(Program).Assembly).Build());

    [Fact]
    public void NoPageModelSavesAuditsOrQueuesMailItself()
    {
        var writing = PageTypes()
            .SelectMany(t => t.Dependencies.OfType<MethodCallDependency>().Where(IsWrite).Select(d => $"{Outer(t.FullName)} calls {d.Target.Name}.{d.TargetMember.Name}"))
            .Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.True(writing.Count == 0, "These pages write themselves; call the feature's use case instead:\n  " + string.Join("\n  ", writing));
    }

    [Fact]
    public void TheCheckSeesTheCallsInsideAPagesAsyncHandlersAndTheirLambdas()
    {
        // The check above would pass vacuously if it read no page, or missed the calls that the compiler moves into async
        // state machines and lambdas: the note page calls its use case inside a lambda of an async handler.
        var note = PageTypes().Single(t => t.FullName == "Rapport.Web.Features.TreatmentCourses.Pages.Therapist.NoteModel");

        Assert.Contains(note.Dependencies.OfType<MethodCallDependency>(),
            d => d.Target.Name == "SessionNoteWriting" && d.TargetMember.Name.StartsWith("AmendAsync(", StringComparison.Ordinal));
    }

    private static IEnumerable<IType> PageTypes() =>
        Compiled.Value.Types.Where(t => t.FullName.StartsWith("Rapport.Web.Features.", StringComparison.Ordinal) && t.FullName.Contains(".Pages.", StringComparison.Ordinal));

    /// <summary>A listed write, or a feature's mail class queueing an e-mail (<c>AccountMail.QueueConfirmation</c> and the like).</summary>
    private static bool IsWrite(MethodCallDependency call)
    {
        var target = call.Target;
        var method = call.TargetMember.Name;
        return Writes.Any(w => target.FullName == w.Type && w.Methods.Any(m => method.StartsWith(m + "(", StringComparison.Ordinal)))
            || (target.FullName.StartsWith("Rapport.Web.Features.", StringComparison.Ordinal) && target.Name.EndsWith("Mail", StringComparison.Ordinal)
                && method.StartsWith("Queue", StringComparison.Ordinal));
    }

    private static string Outer(string fullName) => fullName.Split('+')[0];
}
