using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Pps.Tests.Infrastructure;
using Pps.Web.Live;

namespace Pps.Tests.Security;

/// <summary>One callable route: an HTTP method and a route pattern, as the endpoint data source has them.</summary>
public sealed record RouteEntry(string Method, string Pattern, RoutePattern Route, bool IsPage, bool AcceptsJson, bool AcceptsBody = false)
{
    public string Key => $"{Method} {Pattern}";

    /// <summary>The URL with every parameter filled: a long for numeric constraints, otherwise a fresh Guid (so object-level checks answer 404).</summary>
    public string Url(Func<string, string?>? fill = null)
    {
        var parts = new List<string>();
        foreach (var segment in Route.PathSegments)
        {
            var text = string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart parameter => fill?.Invoke(parameter.Name) ?? Sample(parameter),
                _ => string.Empty,
            }));
            parts.Add(text);
        }

        return "/" + string.Join('/', parts.Where(p => p.Length > 0));
    }

    private static string Sample(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? string.Empty).ToList();
        if (constraints.Any(c => c is "long" or "int"))
        {
            return Random.Shared.NextInt64(900_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (parameter.IsOptional)
        {
            return string.Empty;
        }

        return constraints.Any(c => c is "guid") || parameter.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase)
            ? Guid.NewGuid().ToString()
            : "x" + Guid.NewGuid().ToString("N")[..8];
    }
}

/// <summary>Everything a caller can reach: routes from the endpoint data source and the public methods of the hub.</summary>
public static class EndpointCatalog
{
    private static readonly HashSet<string> HubLifetimeMethods = [nameof(LiveHub.OnConnectedAsync), nameof(LiveHub.OnDisconnectedAsync)];

    public static IReadOnlyList<RouteEntry> Routes(PpsApp app)
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var entries = new Dictionary<string, RouteEntry>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (isPage)
            {
                // A page answers any method; its handlers are reached by GET (POST needs an antiforgery token).
                methods ??= ["GET"];
            }

            // Health checks and the hub's own routes carry no method metadata: they answer any method, so they are
            // listed (and called with GET) as ANY.
            methods ??= ["ANY"];

            var accepts = endpoint.Metadata.OfType<IAcceptsMetadata>().ToList();
            var acceptsJson = accepts.Any(a => a.ContentTypes.Any(c => c.Contains("json", StringComparison.OrdinalIgnoreCase)));
            var acceptsBody = accepts.Any(a => a.ContentTypes.Count > 0);
            foreach (var method in methods)
            {
                var entry = new RouteEntry(method, pattern, endpoint.RoutePattern, isPage, acceptsJson, acceptsBody);
                entries.TryAdd(entry.Key, entry);
            }
        }

        return entries.Values.OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyList<MethodInfo> HubMethods()
        => typeof(LiveHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !HubLifetimeMethods.Contains(m.Name) && !m.IsSpecialName)
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
}
