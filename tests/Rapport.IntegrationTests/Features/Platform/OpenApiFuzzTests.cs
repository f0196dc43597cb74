using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;

namespace Rapport.IntegrationTests.Features.Platform;

/// <summary>
/// Every operation the OpenAPI document describes, sent boundary and malformed values (no body, wrong types, huge
/// numbers, the years 1 and 9999, NUL bytes, very long text, bad ids) by a signed-in person of a role it serves:
/// nothing answers 5xx, and every refusal is a ProblemDetails. Generated from the document, so a new endpoint is
/// fuzzed the day it is mapped.
/// </summary>
public abstract class OpenApiFuzzTests(RapportApp app)
{
    private sealed record Parameter(string Name, string In, JsonElement Schema, bool Required);

    private sealed record Operation(string Method, string Path, IReadOnlyList<Parameter> Parameters, JsonElement? Body)
    {
        public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";
    }

    private sealed record Probe(string Url, string? Body, string What);

    private static readonly string LongText = new('x', 20_000);

    [Fact]
    public async Task EveryOperationAnswersMalformedInputWithoutAServerErrorAndWithProblemDetails()
    {
        using var anonymous = app.NewClient();
        var doc = await anonymous.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var clinician = await app.CreatePracticeTherapistAsync();
        await app.AcceptIntoCareAsync(clinician, patient);
        Visitor[] people = [await app.ApiAsync(patient), await app.ApiAsync(clinician), await app.ApiAsync(await app.CreateAccountAsync(Roles.Admin))];
        var failures = new List<string>();
        var sent = 0;
        // Ending a session would leave the operations after it with nobody signed in.
        foreach (var operation in Operations(doc).OrderBy(o => o.Path.Contains("sign-out", StringComparison.Ordinal)))
        {
            var probes = Probes(operation, doc).ToList();
            var person = await ServedPersonAsync(people, operation, probes[0]);
            foreach (var probe in probes)
            {
                using var response = await SendAsync(person, operation, probe);
                sent++;
                var status = (int)response.StatusCode;
                var type = response.Content.Headers.ContentType?.MediaType;
                if (status >= 500 || (status >= 400 && type != "application/problem+json"))
                {
                    var body = await response.Content.ReadAsStringAsync();
                    failures.Add($"{operation} {probe.What} ({probe.Url}): {status} {type} {body[..Math.Min(300, body.Length)]}");
                }
            }
        }

        Assert.True(sent > 100, $"Only {sent} requests were sent: is the OpenAPI document empty?");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The first of patient, clinician and admin the operation does not refuse for their role.</summary>
    private static async Task<Visitor> ServedPersonAsync(Visitor[] people, Operation operation, Probe plausible)
    {
        foreach (var person in people)
        {
            using var response = await SendAsync(person, operation, plausible);
            if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized))
            {
                return person;
            }
        }
        return people[0];
    }

    private static async Task<HttpResponseMessage> SendAsync(Visitor person, Operation operation, Probe probe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), probe.Url);
        if (probe.Body is not null)
        {
            request.Content = new StringContent(probe.Body, Encoding.UTF8, "application/json");
        }
        return await person.Http.SendAsync(request);
    }

    private static IEnumerable<Operation> Operations(JsonElement doc)
    {
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToArray() : [];
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var own = method.Value.TryGetProperty("parameters", out var q) ? q.EnumerateArray().ToArray() : [];
                var parameters = shared.Concat(own).Select(e => new Parameter(e.GetProperty("name").GetString()!, e.GetProperty("in").GetString()!,
                    e.TryGetProperty("schema", out var s) ? s : default, e.TryGetProperty("required", out var r) && r.GetBoolean())).ToList();
                JsonElement? body = method.Value.TryGetProperty("requestBody", out var rb) && rb.TryGetProperty("content", out var content)
                    && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var schema) ? schema : null;
                yield return new Operation(method.Name, path.Name, parameters, body);
            }
        }
    }

    private static IEnumerable<Probe> Probes(Operation operation, JsonElement doc)
    {
        var pathValues = operation.Parameters.Where(p => p.In == "path").ToDictionary(p => p.Name, p => Plain(Good(p.Schema, doc)));
        var queryValues = operation.Parameters.Where(p => p.In == "query" && p.Required).ToDictionary(p => p.Name, p => Plain(Good(p.Schema, doc)));
        string Url(IReadOnlyDictionary<string, string> path, IReadOnlyDictionary<string, string> query)
        {
            var url = path.Aggregate(operation.Path, (u, v) => u.Replace("{" + v.Key + "}", v.Value, StringComparison.Ordinal));
            return query.Count == 0 ? url : url + "?" + string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Key)}={q.Value}"));
        }
        var goodBody = operation.Body is { } b ? Good(b, doc)?.ToJsonString() : null;
        var plainUrl = Url(pathValues, queryValues);
        yield return new Probe(plainUrl, goodBody, "plausible values");

        foreach (var name in pathValues.Keys)
        {
            foreach (var bad in BadInPath)
            {
                yield return new Probe(Url(new Dictionary<string, string>(pathValues) { [name] = bad }, queryValues), goodBody, $"path {name}={bad[..Math.Min(20, bad.Length)]}");
            }
        }
        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            foreach (var bad in BadInPath.Append("a%00b"))
            {
                yield return new Probe(Url(pathValues, new Dictionary<string, string>(queryValues) { [parameter.Name] = bad }), goodBody,
                    $"query {parameter.Name}={bad[..Math.Min(20, bad.Length)]}");
            }
        }
        if (operation.Body is not { } bodySchema)
        {
            yield break;
        }
        foreach (var body in new[] { "", "null", "[]", "{}", "{\"unclosed\": ", "\"text\"", "12345678901234567890123" })
        {
            yield return new Probe(plainUrl, body, $"body {body}");
        }
        var resolved = Resolve(bodySchema, doc);
        if (!resolved.TryGetProperty("properties", out var properties))
        {
            yield break;
        }
        foreach (var property in properties.EnumerateObject())
        {
            foreach (var bad in Bad(property.Value, doc))
            {
                var body = (JsonObject)(Good(bodySchema, doc) ?? new JsonObject());
                body[property.Name] = bad?.DeepClone();
                var text = bad?.ToJsonString() ?? "null";
                yield return new Probe(plainUrl, body.ToJsonString(), $"{property.Name}={text[..Math.Min(30, text.Length)]}");
            }
        }
    }

    /// <summary>
    /// Malformed path segments and query values, already escaped for the address. A NUL goes only into queries: servers
    /// refuse it in a path before any app sees it (Kestrel answers 400; the test server will not even send it).
    /// </summary>
    private static readonly string[] BadInPath =
    [
        "not-a-guid", "0001-01-01T00%3A00%3A00Z", "9999-12-31T23%3A59%3A59Z", "99999999999999999999", "-1", "", new string('x', 2_000),
    ];

    private static IEnumerable<JsonNode?> Bad(JsonElement schema, JsonElement doc)
    {
        var (type, format) = Kind(schema, doc);
        yield return null;
        yield return type == "string" ? JsonValue.Create(12345) : JsonValue.Create("text where a " + type + " belongs");
        yield return new JsonObject { ["nested"] = "\u0000" };
        switch (type, format)
        {
            case ("string", "uuid"):
                yield return "not-a-guid";
                yield return Guid.Empty.ToString();
                break;
            case ("string", "date-time"):
                yield return "0001-01-01T00:00:00Z";
                yield return "9999-12-31T23:59:59Z";
                yield return "9999-12-31T23:59:59-14:00";
                yield return "not a date";
                break;
            case ("string", "date"):
                yield return "0001-01-01";
                yield return "9999-12-31";
                break;
            case ("string", _):
                yield return "a\u0000b";
                yield return "\u001b[2J";
                yield return LongText;
                break;
            case ("integer" or "number", _):
                yield return JsonNode.Parse("99999999999999999999999999");
                yield return JsonNode.Parse("-2147483649");
                yield return JsonNode.Parse("1.5e308");
                break;
            case ("array", _):
                yield return new JsonArray("a\u0000b", LongText, null);
                yield return new JsonArray(JsonNode.Parse("99999999999999999999999999"), -1);
                break;
        }
    }

    private static JsonNode? Good(JsonElement schema, JsonElement doc, int depth = 0)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > 4)
        {
            return null;
        }
        var resolved = Resolve(schema, doc);
        if (resolved.TryGetProperty("enum", out var choices) && choices.GetArrayLength() > 0)
        {
            return JsonNode.Parse(choices[0].GetRawText());
        }
        return Kind(schema, doc) switch
        {
            ("string", "uuid") => Guid.NewGuid().ToString(),
            ("string", "date-time") => DateTimeOffset.UtcNow.AddDays(7).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ("string", "date") => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ("string", _) => "fuzz",
            ("integer" or "number", _) => 1,
            ("boolean", _) => true,
            ("array", _) => new JsonArray(),
            ("object", _) => resolved.TryGetProperty("properties", out var properties)
                ? new JsonObject(properties.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Good(p.Value, doc, depth + 1))))
                : new JsonObject(),
            _ => null,
        };
    }

    /// <summary>A value as it goes into an address.</summary>
    private static string Plain(JsonNode? value) => value is null ? "x" : Uri.EscapeDataString(value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString());

    /// <summary>The schema's type (a nullable or number-as-string union counts as its main type) and format.</summary>
    private static (string? Type, string? Format) Kind(JsonElement schema, JsonElement doc)
    {
        var resolved = Resolve(schema, doc);
        var format = resolved.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (resolved.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToArray() : [type.GetString()];
            var main = types.FirstOrDefault(t => t is not ("null" or "string")) ?? types.FirstOrDefault(t => t != "null");
            return (main, format);
        }
        foreach (var union in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (resolved.TryGetProperty(union, out var options))
            {
                foreach (var option in options.EnumerateArray())
                {
                    if (Kind(option, doc) is { Type: not (null or "null") } kind)
                    {
                        return kind;
                    }
                }
            }
        }
        return (resolved.TryGetProperty("properties", out _) ? "object" : null, format);
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement doc)
    {
        for (var i = 0; i < 10 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); i++)
        {
            schema = doc.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..]);
        }
        if (schema.ValueKind == JsonValueKind.Object && !schema.TryGetProperty("type", out _) && !schema.TryGetProperty("properties", out _)
            && schema.TryGetProperty("oneOf", out var options))
        {
            foreach (var option in options.EnumerateArray())
            {
                var inner = Resolve(option, doc);
                if (!(inner.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"))
                {
                    return inner;
                }
            }
        }
        return schema;
    }
}

public sealed class OpenApiFuzzTestsOnSqlite(SqliteApp app) : OpenApiFuzzTests(app);

public sealed class OpenApiFuzzTestsOnPostgres(PostgresApp app) : OpenApiFuzzTests(app);
