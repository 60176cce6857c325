using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pps.Tests.Vetting;

/// <summary>
/// A local stand-in for the KvK API on a loopback port: Zoeken (v2) and Vestigingsprofiel (v1) with the documented
/// JSON shapes, answering only with the right <c>apikey</c> header. Branches can be changed while it runs.
/// </summary>
public sealed class KvkStandIn : IAsyncDisposable
{
    public const string ApiKey = "test-key-l7u2";

    private readonly WebApplication _app;

    public ConcurrentDictionary<string, Branch> Branches { get; } = new();

    public int Requests;

    public sealed record Branch(string KvkNumber, string BranchNumber, string Name, string Street, int HouseNumber, string PostalCode, string City, string? EndDate = null, bool Shielded = false);

    private KvkStandIn(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<KvkStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var standIn = new KvkStandIn(app);
        app.Use(async (ctx, next) =>
        {
            Interlocked.Increment(ref standIn.Requests);
            if (ctx.Request.Headers["apikey"] != ApiKey)
            {
                ctx.Response.StatusCode = 401;
                await ctx.Response.WriteAsJsonAsync(new { fout = new[] { new { code = "IPD0001", omschrijving = "apikey ongeldig" } } });
                return;
            }

            await next();
        });
        app.MapGet("/api/v2/zoeken", (string? kvkNummer, string? vestigingsnummer) =>
        {
            var hits = standIn.Branches.Values
                .Where(b => (kvkNummer == null || b.KvkNumber == kvkNummer) && (vestigingsnummer == null || b.BranchNumber == vestigingsnummer))
                .ToList();
            if (hits.Count == 0)
            {
                return Results.NotFound(new { fout = new[] { new { code = "IPD5200", omschrijving = "Geen resultaten gevonden." } } });
            }

            return Results.Ok(new
            {
                pagina = 1,
                resultatenPerPagina = 10,
                totaal = hits.Count,
                resultaten = hits.Select(b => new
                {
                    kvkNummer = b.KvkNumber,
                    vestigingsnummer = b.BranchNumber,
                    naam = b.Name,
                    adres = b.Shielded ? null : new { binnenlandsAdres = new { type = "bezoekadres", straatnaam = b.Street, plaats = b.City } },
                    type = "hoofdvestiging",
                    links = new[] { new { rel = "vestigingsprofiel", href = $"/api/v1/vestigingsprofielen/{b.BranchNumber}" } },
                }),
            });
        });
        app.MapGet("/api/v1/vestigingsprofielen/{vestigingsnummer}", (string vestigingsnummer) =>
        {
            if (!standIn.Branches.TryGetValue(vestigingsnummer, out var b))
            {
                return Results.NotFound(new { fout = new[] { new { code = "IPD0004", omschrijving = "Vestiging niet gevonden." } } });
            }

            object address = b.Shielded
                ? new { type = "bezoekadres", indAfgeschermd = "Ja", land = "Nederland" }
                : new
                {
                    type = "bezoekadres",
                    indAfgeschermd = "Nee",
                    volledigAdres = $"{b.Street} {b.HouseNumber} {b.PostalCode.Replace(" ", "", StringComparison.Ordinal)} {b.City}",
                    straatnaam = b.Street,
                    huisnummer = b.HouseNumber,
                    postcode = b.PostalCode.Replace(" ", "", StringComparison.Ordinal),
                    plaats = b.City,
                    land = "Nederland",
                };
            return Results.Ok(new
            {
                vestigingsnummer = b.BranchNumber,
                kvkNummer = b.KvkNumber,
                eersteHandelsnaam = b.Name,
                indHoofdvestiging = "Ja",
                indCommercieleVestiging = "Ja",
                datumAanvang = "20150101",
                datumEinde = b.EndDate,
                adressen = new[] { address },
                sbiActiviteiten = new[] { new { sbiCode = "4941", sbiOmschrijving = "Goederenvervoer over de weg", indHoofdactiviteit = "Ja" } },
            });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseUrl = address + "/api";
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
