using System.Collections;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pps.Tests.Security;

/// <summary>
/// Hostile and randomly mutated bodies against every JSON endpoint that takes a body, sent as a caller the
/// authorisation matrix lets through (so the body reaches binding, validation and the handler). Bounded: at most
/// <see cref="PerEndpoint"/> requests per endpoint and <see cref="Budget"/> in all; the seed is fixed so a failure
/// repeats. The only assertion is the one that matters here: never a 5xx.
/// </summary>
public abstract class FuzzTests(PpsApp app, ITestOutputHelper output)
{
    private const int PerEndpoint = 30;
    private const int Seed = 20261129;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    // Callers in order of preference: the first is the one most routes let through to their handler.
    private static readonly string[] PreferredCallers =
    [
        "oov@zoetermeer.demo", "bestuur.lansinghage@zoetermeer.demo", "ondernemer.lansinghage@zoetermeer.demo", "ez@zoetermeer.demo",
        "politie@zoetermeer.demo", "admin@pps.demo", SecurityCallers.Anonymous,
    ];

    private static readonly string[] HostileStrings =
    [
        new string('a', 100_000),
        "\u202Egnp.exe\u202C",
        "zero\u200Bwidth\u200D\uFEFFjoiner",
        string.Concat(Enumerable.Repeat("Donaudampfschifffahrtsgesellschaft", 300)),
        "<script>alert(1)</script><img src=x onerror=alert(1)>",
        "'; DROP TABLE \"AspNetUsers\"; --",
        "1 OR 1=1",
        "../../../../etc/passwd",
        "..\\..\\..\\windows\\win.ini",
        "%00\0nul",
        "\uD83D\uDE00\uD83D",
        string.Empty,
        " ",
        "{{7*7}}${7*7}",
    ];

    [Fact]
    public async Task No_hostile_or_mutated_body_gets_a_server_error_from_any_json_endpoint()
    {
        var random = new Random(Seed);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var sent = 0;
        var endpoints = JsonEndpoints();
        Assert.NotEmpty(endpoints);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (route, requestType) in endpoints)
        {
            if (clock.Elapsed > Budget)
            {
                output.WriteLine($"Budget of {Budget.TotalSeconds} s spent; not reached: {route.Key} and after");
                break;
            }

            var caller = CallerFor(route);
            if (!clients.TryGetValue(caller, out var client))
            {
                client = clients[caller] = await SecurityCallers.ClientAsync(app, caller);
            }

            foreach (var body in Bodies(requestType, random).Take(PerEndpoint))
            {
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url())
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                using var response = await client.SendAsync(request);
                sent++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{route.Key} as {caller}: {(int)response.StatusCode} for body {Excerpt(body)}");
                }

                if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && caller != SecurityCallers.Anonymous)
                {
                    // A body that logged the caller out (or changed its 2FA) ends its token: sign in afresh so the
                    // endpoints after it are still fuzzed past authentication.
                    app.ForgetToken(await SecurityCallers.CopyOfAsync(app, caller));
                    client = clients[caller] = await SecurityCallers.ClientAsync(app, caller);
                }
            }
        }

        output.WriteLine($"{sent} requests to {endpoints.Count} endpoints in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private List<(RouteEntry Route, Type? RequestType)> JsonEndpoints()
    {
        var types = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.OfType<IAcceptsMetadata>().Select(a => (Pattern: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), a.RequestType)))
            .GroupBy(x => x.Pattern)
            .ToDictionary(g => g.Key, g => g.First().RequestType);
        return EndpointCatalog.Routes(app)
            .Where(r => r.AcceptsJson && r.Method is "POST" or "PUT" or "PATCH")
            .Select(r => (r, types.GetValueOrDefault(r.Pattern)))
            .ToList();
    }

    private static string CallerFor(RouteEntry route)
    {
        var row = AuthorisationMatrixTests.Expected(route.Key)?.Split(' ');
        if (row is null)
        {
            return PreferredCallers[0];
        }

        return PreferredCallers.FirstOrDefault(c => row[Array.IndexOf(SecurityCallers.Columns, c)] == "ok") ?? PreferredCallers[0];
    }

    private static IEnumerable<string> Bodies(Type? type, Random random)
    {
        // Malformed documents first: they do not depend on the request type.
        yield return string.Empty;
        yield return "{";
        yield return "[]";
        yield return "null";
        yield return "\"text\"";
        yield return string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000));
        yield return string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + string.Concat(Enumerable.Repeat("}", 2000));
        yield return "{\"a\":\"\\uD800\"}";

        var properties = type is null ? [] : Properties(type);
        if (properties.Count == 0)
        {
            yield return "{\"x\":" + JsonSerializer.Serialize(HostileStrings[0]) + "}";
            yield break;
        }

        var sample = Sample(type!, random, 0) as JsonObject ?? [];
        yield return sample.ToJsonString();
        yield return "{}";

        // Every field with the wrong type at once, then every string field with each hostile string.
        var wrong = new JsonObject();
        foreach (var p in properties)
        {
            wrong[Name(p)] = IsText(p.PropertyType) ? JsonValue.Create(12345) : JsonValue.Create("not a " + p.PropertyType.Name);
        }

        yield return wrong.ToJsonString();

        // Explicit nulls: "required" in C# does not stop a JSON null.
        var nulls = new JsonObject();
        foreach (var p in properties)
        {
            nulls[Name(p)] = null;
        }

        yield return nulls.ToJsonString();
        foreach (var hostile in HostileStrings.Take(10))
        {
            var body = (JsonObject)sample.DeepClone();
            foreach (var p in properties.Where(p => IsText(p.PropertyType)))
            {
                body[Name(p)] = hostile;
            }

            foreach (var p in properties.Where(p => IsList(p.PropertyType, out var element) && IsText(element)))
            {
                body[Name(p)] = new JsonArray(JsonValue.Create(hostile));
            }

            yield return body.ToJsonString();
        }

        // Huge arrays in every list field.
        var huge = (JsonObject)sample.DeepClone();
        foreach (var p in properties.Where(p => IsList(p.PropertyType, out _)))
        {
            huge[Name(p)] = new JsonArray(Enumerable.Range(0, 20_000).Select(_ => (JsonNode?)JsonValue.Create(Guid.NewGuid().ToString())).ToArray());
        }

        yield return huge.ToJsonString();

        // Random mutations of the plausible body: drop fields, swap in extreme values.
        while (true)
        {
            var body = (JsonObject)sample.DeepClone();
            foreach (var p in properties.Where(_ => random.Next(3) == 0))
            {
                body[Name(p)] = random.Next(8) switch
                {
                    0 => null,
                    1 => JsonValue.Create(long.MaxValue),
                    2 => JsonValue.Create(-1),
                    3 => JsonValue.Create(HostileStrings[random.Next(HostileStrings.Length)]),
                    4 => new JsonObject { ["nested"] = new JsonArray(1, 2, 3) },
                    5 => JsonValue.Create("9999-12-31T23:59:59+14:00"),
                    6 => JsonValue.Create(double.MaxValue),
                    _ => JsonValue.Create(true),
                };
                if (random.Next(5) == 0)
                {
                    body.Remove(Name(p));
                }
            }

            yield return body.ToJsonString();
        }
    }

    private static List<PropertyInfo> Properties(Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();

    private static string Name(PropertyInfo p) => JsonNamingPolicy.CamelCase.ConvertName(p.Name);

    private static bool IsText(Type t) => t == typeof(string);

    private static bool IsList(Type t, out Type element)
    {
        element = t.IsArray ? t.GetElementType()! : t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t) ? t.GetGenericArguments()[0] : typeof(object);
        return t != typeof(string) && (t.IsArray || (t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t)));
    }

    /// <summary>A plausible value: one that binds, so hostile values in one field reach validation and the handler.</summary>
    private static JsonNode? Sample(Type type, Random random, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return "Fuzz " + random.Next(1000);
        if (t == typeof(bool)) return false;
        if (t == typeof(int) || t == typeof(long) || t == typeof(short)) return 1;
        if (t == typeof(double) || t == typeof(decimal) || t == typeof(float)) return 52.06;
        if (t == typeof(Guid)) return Guid.NewGuid().ToString();
        if (t == typeof(DateTime) || t == typeof(DateTimeOffset)) return "2027-03-01T10:00:00";
        if (t == typeof(DateOnly)) return "2027-03-01";
        if (t == typeof(TimeOnly)) return "10:00";
        if (t.IsEnum) return JsonNamingPolicy.CamelCase.ConvertName(Enum.GetNames(t)[0]);
        if (IsList(t, out var element)) return depth > 3 ? new JsonArray() : new JsonArray(Sample(element, random, depth + 1));
        if (depth > 3) return null;
        var obj = new JsonObject();
        foreach (var p in Properties(t))
        {
            obj[Name(p)] = Sample(p.PropertyType, random, depth + 1);
        }

        return obj;
    }

    private static string Excerpt(string body) => body.Length <= 200 ? body : body[..200] + $"… ({body.Length} chars)";
}

[Collection(SqliteApp.Collection)]
public sealed class FuzzTestsOnSqlite(SqliteApp app, ITestOutputHelper output) : FuzzTests(app, output);

[Collection(PostgresApp.Collection)]
public sealed class FuzzTestsOnPostgres(PostgresApp app, ITestOutputHelper output) : FuzzTests(app, output);
