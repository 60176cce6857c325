using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Localization;

namespace Pps.Web.Features.Branding;

/// <summary>Serves the brand from <c>branding/</c>: the logo, the favicon and <c>/css/tokens.css</c> generated from <c>tokens.json</c>; and the language switch.</summary>
internal static class BrandingModule
{
    private static readonly Lazy<string> TokensCss = new(() => GenerateCss(ReadResource("branding/tokens.json")));

    public static IEndpointRouteBuilder MapBranding(this IEndpointRouteBuilder app)
    {
        app.MapGet("/css/tokens.css", () => Results.Text(TokensCss.Value, "text/css", Encoding.UTF8)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/branding/{file}", (string file) => file is "logo.svg" or "favicon.svg"
                ? Results.Text(ReadResource($"branding/{file}"), "image/svg+xml", Encoding.UTF8)
                : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/culture", (HttpContext http, TimeProvider clock, [Microsoft.AspNetCore.Mvc.FromForm] string culture, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
            {
                var chosen = culture is "en" ? "en" : "nl";
                CultureCookie.Append(http.Response, chosen, clock);
                var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/";
                return Results.LocalRedirect(target);
            })
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    internal static string ReadResource(string name)
    {
        using var stream = typeof(BrandingModule).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Every token group becomes CSS custom properties: <c>color.primary</c> → <c>--pps-color-primary</c>.</summary>
    internal static string GenerateCss(string tokensJson)
    {
        using var doc = JsonDocument.Parse(tokensJson);
        var css = new StringBuilder("/* Generated from branding/tokens.json. Do not edit. */\n:root {\n");
        foreach (var group in doc.RootElement.EnumerateObject().Where(g => g.Value.ValueKind == JsonValueKind.Object))
        {
            foreach (var token in group.Value.EnumerateObject())
            {
                css.Append(CultureInfo.InvariantCulture, $"  --pps-{group.Name}-{token.Name}: {token.Value.GetString()};\n");
            }
        }

        return css.Append("}\n").ToString();
    }
}
