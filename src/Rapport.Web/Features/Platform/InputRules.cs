using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Rapport.Web.Features.Platform;

/// <summary>
/// What every text and date a request carries must be, checked once at the edge so no feature can forget: text
/// without control characters (tab and line breaks are allowed), dates in the years <see cref="FirstYear"/> to
/// <see cref="LastYear"/>. Past those years date arithmetic overflows (a week after 31 December 9999 does not exist) and
/// PostgreSQL refuses a NUL in text, so either would otherwise surface as a 500 deep inside a feature.
/// Forms and page queries are checked by model binding (<see cref="InputRulesBinderProvider"/>), JSON bodies after they are
/// read (<see cref="CheckAfterReading"/>), and API paths and queries before routing (<see cref="RequestLimits"/>).
/// </summary>
public static class InputRules
{
    public const int FirstYear = 1900;
    public const int LastYear = 2199;
    public const string DateRangeMessage = "Dates must be between 1 January 1900 and 31 December 2199.";
    public const string ControlCharacterMessage = "Remove the invisible control characters (such as NUL) from this field.";

    /// <summary>The first refusal of a form or page query, kept for the error page that explains it.</summary>
    internal const string RefusalKey = "rapport.input-refused";

    /// <summary>True for C0 control characters and DEL, except tab, carriage return and line feed (multi-line text).</summary>
    public static bool HasControlCharacters(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if ((c < ' ' && c is not '\t' and not '\r' and not '\n') || c == '\u007f')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>What is wrong with one value, in words for the person who sent it, or null when it fits.</summary>
    public static string? Problem(object? value) => value switch
    {
        string s when HasControlCharacters(s) => ControlCharacterMessage,
        DateTimeOffset d when d.Year is < FirstYear or > LastYear => DateRangeMessage,
        DateTime d when d.Year is < FirstYear or > LastYear => DateRangeMessage,
        DateOnly d when d.Year is < FirstYear or > LastYear => DateRangeMessage,
        _ => null,
    };

    /// <summary>Throws a 400 naming <paramref name="field"/> when a date the domain is asked to work with is out of range.</summary>
    public static void EnsureInRange(DateTimeOffset value, string field)
    {
        if (Problem(value) is { } problem)
        {
            throw new InputValidationException(new Dictionary<string, string[]> { [field] = [problem] }, problem);
        }
    }

    /// <summary>
    /// A JSON contract modifier: every object read from a request body has its text and date properties (and lists or
    /// dictionaries of them) checked once it is read; nested objects are checked by their own contract. A modifier, not
    /// converters, so the OpenAPI document keeps describing strings and dates as such.
    /// </summary>
    public static void CheckAfterReading(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        var properties = info.Properties.Where(p => p.Get is not null && IsChecked(p.PropertyType)).ToArray();
        if (properties.Length == 0)
        {
            return;
        }
        var previous = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            previous?.Invoke(value);
            foreach (var property in properties)
            {
                if (FirstProblem(property.Get!(value)) is { } problem)
                {
                    throw new InputRuleException(property.Name, problem);
                }
            }
        };
    }

    private static bool IsChecked(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(DateOnly)
            || typeof(IEnumerable).IsAssignableFrom(type);
    }

    private static string? FirstProblem(object? value) => value switch
    {
        null or string or DateTimeOffset or DateTime or DateOnly => Problem(value),
        IDictionary d => d.Keys.Cast<object?>().Concat(d.Values.Cast<object?>()).Select(Problem).FirstOrDefault(p => p is not null),
        IEnumerable items => items.Cast<object?>().Select(Problem).FirstOrDefault(p => p is not null),
        _ => null,
    };
}

/// <summary>A JSON body broke an <see cref="InputRules"/> rule; answered as a 400 validation problem naming the field.</summary>
public sealed class InputRuleException(string field, string message) : JsonException(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Wraps the binder MVC would have chosen for text and dates, so every form field, page query and handler argument is
/// checked after binding. A refused value is not bound, and <see cref="InputRulesPageFilter"/> stops the handler.
/// </summary>
public sealed class InputRulesBinderProvider(IList<IModelBinderProvider> others) : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        if (type != typeof(string) && type != typeof(DateTimeOffset) && type != typeof(DateTime) && type != typeof(DateOnly))
        {
            return null;
        }
        foreach (var provider in others)
        {
            if (provider != this && provider.GetBinder(context) is { } binder)
            {
                return new Checked(binder);
            }
        }
        return null;
    }

    private sealed class Checked(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext binding)
        {
            await inner.BindModelAsync(binding);
            if (binding.Result.IsModelSet && InputRules.Problem(binding.Result.Model) is { } problem)
            {
                var field = binding.ModelMetadata.DisplayName ?? binding.ModelMetadata.Name ?? binding.ModelName;
                binding.ModelState.TryAddModelError(binding.ModelName, problem);
                binding.HttpContext.Items.TryAdd(InputRules.RefusalKey, $"{field}: {problem}");
                binding.Result = ModelBindingResult.Failed();
            }
        }
    }
}

/// <summary>
/// Runs no page handler whose input broke an <see cref="InputRules"/> rule: not every handler checks ModelState, and a
/// handler argument that failed to bind would otherwise reach the domain as its default value. The person sees the
/// 400 page with the field and the reason; nothing is written.
/// </summary>
public sealed class InputRulesPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HttpContext.Items.Remove(InputRules.RefusalKey, out var refusal))
        {
            // Moved, not kept: the re-executed error page binds too, and must not be refused in turn.
            context.HttpContext.Items[ErrorExplanation.Key] = refusal;
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
            return;
        }
        await next();
    }
}

/// <summary>Words for the error page about why a request was refused, set by whatever refused it.</summary>
internal static class ErrorExplanation
{
    public const string Key = "rapport.error-explanation";
}
