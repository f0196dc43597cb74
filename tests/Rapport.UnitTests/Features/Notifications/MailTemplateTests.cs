using System.Reflection;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Safety;

namespace Rapport.UnitTests.Features.Notifications;

/// <summary>
/// Every e-mail Rapport can send, found by reflection and rendered with every choice its flags and enums allow, holds
/// no clinical word (Notifications readme, rule 6). A MailText made anywhere but in such a template fails the build of
/// this guarantee too, so a new e-mail cannot slip past it.
/// </summary>
public sealed class MailTemplateTests
{
    private static readonly Assembly App = typeof(MailText).Assembly;

    private static readonly DateTimeOffset Sample = new(2026, 12, 3, 14, 0, 0, TimeSpan.Zero);

    public static IEnumerable<MethodInfo> Templates() =>
        App.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(MailText));

    public static TheoryData<string> TemplateNames() => [.. Templates().Select(Name)];

    private static string Name(MethodInfo m) => $"{m.DeclaringType!.Name}.{m.Name}";

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void NoEmailTemplateContainsAClinicalWord(string template)
    {
        var method = Templates().Single(m => Name(m) == template);
        var staffOnly = method.GetCustomAttribute<StaffOnlyMailAttribute>() is not null;

        foreach (var mail in Render(method))
        {
            Assert.Empty(ClinicalWords.In(mail.Subject, staffOnly));
            Assert.Empty(ClinicalWords.In(mail.Body, staffOnly));
        }
    }

    [Fact]
    public void EveryKindOfEmailIsFoundAsATemplate()
    {
        var names = Templates().Select(Name).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "AccountMail.Confirmation", "AccountMail.PasswordReset", "AccountMail.Invitation", "AppointmentMail.Booked",
            "AppointmentMail.Reminder", "AppointmentMail.SeriesBooked", "AppointmentMail.Cancelled", "AlertMail.ToOnCall",
            "AlertMail.Escalated", "AlertMail.Reminder", "CareMail.PleaseSignIn", "RelapseWatch.ToClinician",
            "AssessmentMail.SomethingWaiting", "ProfileMail.Listed", "ProfileMail.Returned", "AuditCheckpointMail.CheckpointMail",
            "MessageMail.NewMessage", "AlertMail.MessageToOnCall", "DataRightsMail.ErasureRequested", "DataRightsMail.ErasureCancelled",
            "DataRightsMail.ErasureCarriedOut",
        }, names);
    }

    [Fact]
    public void TheOutboxQueuesNothingButATemplatesMail()
    {
        var queues = typeof(Outbox).GetMethods().Where(m => m.Name == nameof(Outbox.Queue)).ToList();

        Assert.NotEmpty(queues);
        Assert.All(queues, q => Assert.Contains(q.GetParameters(), p => p.ParameterType == typeof(MailText)));
        Assert.All(queues, q => Assert.DoesNotContain(q.GetParameters(), p => p.Name is "subject" or "textBody" or "body"));
    }

    /// <summary>Scans the IL of every method in the app for "new MailText(...)": only the templates above may make one.</summary>
    [Fact]
    public void OnlyTemplatesMakeAMailText()
    {
        var constructors = typeof(MailText).GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).ToHashSet();
        var templates = Templates().ToHashSet();
        var makers = new List<string>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var type in App.GetTypes().Where(t => t != typeof(MailText)))
        {
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (MakesOne(method, constructors) && !templates.Contains(method))
                {
                    makers.Add($"{type.FullName}.{method.Name}");
                }
            }
        }

        Assert.Empty(makers);
    }

    private static bool MakesOne(MethodBase method, HashSet<ConstructorInfo> constructors)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return false;
        }
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] != 0x73) // newobj
            {
                continue;
            }
            try
            {
                if (method.Module.ResolveMethod(BitConverter.ToInt32(il, i + 1), method.DeclaringType?.GetGenericArguments(),
                        method.IsGenericMethod ? method.GetGenericArguments() : null) is ConstructorInfo c && constructors.Contains(c))
                {
                    return true;
                }
            }
            catch (Exception e) when (e is ArgumentException or BadImageFormatException)
            {
                // Not an instruction boundary: the byte was part of an operand.
            }
        }
        return false;
    }

    /// <summary>Calls the template with samples, once for every combination of its bool and enum arguments.</summary>
    private static IEnumerable<MailText> Render(MethodInfo method)
    {
        IEnumerable<object?[]> calls = [[]];
        foreach (var parameter in method.GetParameters())
        {
            var choices = Samples(parameter);
            calls = calls.SelectMany(args => choices.Select(choice => args.Append(choice).ToArray()));
        }
        return calls.Select(args => (MailText)method.Invoke(null, args)!);
    }

    private static object?[] Samples(ParameterInfo parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        var name = parameter.Name!.ToLowerInvariant();
        return type switch
        {
            _ when type == typeof(string) && name.Contains("link", StringComparison.Ordinal) => ["https://rapport.test/somewhere"],
            _ when type == typeof(string) && name.Contains("note", StringComparison.Ordinal) => [null, "", "Please add the languages you speak."],
            _ when type == typeof(string) && name.Contains("json", StringComparison.Ordinal) => ["{\"block\":3,\"entries\":128}"],
            _ when type == typeof(string) => ["Alex Example"],
            _ when type == typeof(bool) => [false, true],
            _ when type.IsEnum => [.. Enum.GetValues(type).Cast<object>()],
            _ when type == typeof(int) => [0, 1, 3],
            _ when type == typeof(long) => [3L],
            _ when type == typeof(DateTimeOffset) => [Sample],
            _ when type == typeof(TimeSpan) => [TimeSpan.FromMinutes(90)],
            _ when type == typeof(SafetyOptions) => [new SafetyOptions()],
            _ => throw new InvalidOperationException($"No sample for {type.Name} ({parameter.Member.Name}); add one here."),
        };
    }
}
