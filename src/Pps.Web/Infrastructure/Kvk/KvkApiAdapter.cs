using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Pps.Web.Infrastructure.Kvk;

/// <summary>
/// The KvK API: <c>GET {base}/v2/zoeken?kvkNummer=…&amp;vestigingsnummer=…</c> confirms that the branch belongs
/// to the KvK number, <c>GET {base}/v1/vestigingsprofielen/{vestigingsnummer}</c> gives its address, end date and
/// shielding. Both with the <c>apikey</c> header.
/// </summary>
internal sealed class KvkApiAdapter(HttpClient http, IOptions<KvkOptions> options, ILogger<KvkApiAdapter> log) : IKvkAdapter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool IsAutomatic => true;

    public async Task<KvkBranch> LookUpAsync(string kvkNumber, string branchNumber, ManualKvkCheck? manual, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.BaseUrl))
        {
            throw new KvkUnavailableException("Kvk:BaseUrl is not configured.");
        }

        var baseUrl = o.BaseUrl.TrimEnd('/');
        var search = await GetAsync<ZoekenResponse>($"{baseUrl}/v2/zoeken?kvkNummer={Uri.EscapeDataString(kvkNumber)}&vestigingsnummer={Uri.EscapeDataString(branchNumber)}", o.ApiKey, ct);
        if (search?.Resultaten is not { Count: > 0 } results
            || !results.Any(r => r.KvkNummer == kvkNumber && r.Vestigingsnummer == branchNumber))
        {
            return KvkBranch.NotFound(kvkNumber, branchNumber, "kvk-api");
        }

        var profile = await GetAsync<Vestigingsprofiel>($"{baseUrl}/v1/vestigingsprofielen/{Uri.EscapeDataString(branchNumber)}", o.ApiKey, ct);
        if (profile is null || profile.KvkNummer != kvkNumber)
        {
            return KvkBranch.NotFound(kvkNumber, branchNumber, "kvk-api");
        }

        var visit = profile.Adressen?.FirstOrDefault(a => a.Type == "bezoekadres") ?? profile.Adressen?.FirstOrDefault();
        var shielded = visit is null || string.Equals(visit.IndAfgeschermd, "Ja", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(visit.Straatnaam);
        KvkAddress? address = shielded
            ? null
            : new KvkAddress(visit!.Straatnaam!, $"{visit.Huisnummer}{visit.Huisletter}{visit.Huisnummertoevoeging}", visit.Postcode ?? "", visit.Plaats ?? "");
        DateOnly? end = DateOnly.TryParseExact(profile.DatumEinde, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        return new KvkBranch(true, kvkNumber, branchNumber, profile.EersteHandelsnaam, address, end, shielded, "kvk-api");
    }

    private async Task<T?> GetAsync<T>(string url, string? apiKey, CancellationToken ct) where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.TryAddWithoutValidation("apikey", apiKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new KvkUnavailableException("The KvK API could not be reached.", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new KvkUnavailableException("The KvK API did not answer in time.", ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                // The key is never logged; the status code is enough to diagnose.
                log.LogWarning("KvK API answered {Status} for {Path}", (int)response.StatusCode, new Uri(url).AbsolutePath);
                throw new KvkUnavailableException($"The KvK API answered {(int)response.StatusCode}.");
            }

            try
            {
                return await response.Content.ReadFromJsonAsync<T>(Json, ct);
            }
            catch (JsonException ex)
            {
                throw new KvkUnavailableException("The KvK API answered with unreadable JSON.", ex);
            }
        }
    }

    private sealed record ZoekenResponse(List<ZoekenResultaat>? Resultaten);

    private sealed record ZoekenResultaat(string? KvkNummer, string? Vestigingsnummer, string? Naam, string? Type);

    private sealed record Vestigingsprofiel(
        string? Vestigingsnummer,
        string? KvkNummer,
        string? EersteHandelsnaam,
        string? DatumEinde,
        List<Adres>? Adressen);

    private sealed record Adres(
        string? Type,
        string? IndAfgeschermd,
        string? Straatnaam,
        [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] int? Huisnummer,
        string? Huisletter,
        string? Huisnummertoevoeging,
        string? Postcode,
        string? Plaats);
}

internal static class KvkSetup
{
    public static IServiceCollection AddKvk(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KvkOptions>(configuration.GetSection(KvkOptions.Section));
        var options = configuration.GetSection(KvkOptions.Section).Get<KvkOptions>() ?? new KvkOptions();
        if (options.UsesApi)
        {
            services.AddHttpClient<IKvkAdapter, KvkApiAdapter>(c => c.Timeout = TimeSpan.FromSeconds(10));
        }
        else
        {
            services.AddSingleton<IKvkAdapter, ManualKvkAdapter>();
        }

        return services;
    }
}
