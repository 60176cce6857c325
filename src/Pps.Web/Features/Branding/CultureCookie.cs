using Microsoft.AspNetCore.Localization;

namespace Pps.Web.Features.Branding;

/// <summary>The one place the language choice is written: the language switch and the profile both use it.</summary>
internal static class CultureCookie
{
    public static void Append(HttpResponse response, string culture, TimeProvider clock)
        => response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
}
