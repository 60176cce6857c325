using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Features.Awareness;

/// <summary>
/// The starter library of the demo, written for this project in Dutch and English: red flags for landlords and per
/// branch, what to do when approached, and how to report. Articles (text) only: the demo needs no binary files.
/// Two Dutch articles are must-reads for entrepreneurs.
/// </summary>
public static class LibrarySeeder
{
    public static async Task SeedAsync(PpsDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var tenantId in await db.Tenants.Select(t => t.Id).ToListAsync(ct))
        {
            foreach (var a in Articles)
            {
                var document = new LibraryDocument
                {
                    TenantId = tenantId,
                    Title = a.Title,
                    Summary = a.Summary,
                    Category = a.Category,
                    Language = a.Language,
                    Tags = a.Tags,
                    MustReadRoles = a.MustRead ? Roles.Entrepreneur : "",
                    CurrentVersion = 1,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.LibraryDocuments.Add(document);
                db.LibraryDocumentVersions.Add(new LibraryDocumentVersion
                {
                    TenantId = tenantId, DocumentId = document.Id, Number = 1, Kind = LibraryContentKind.Article, Body = a.Body.Trim(), CreatedAt = now,
                });
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private sealed record Article(string Title, string Summary, LibraryCategory Category, string Language, string Tags, bool MustRead, string Body);

    private static readonly Article[] Articles =
    [
        new("Signalen voor verhuurders: wie huurt uw pand?", "Waar u als eigenaar of verhuurder op let voordat u tekent en tijdens de huur.", LibraryCategory.LandlordsAndLetting, "nl", "verhuur huurder contant bedrijfspand", false, """
Criminelen huren bedrijfsruimte voor opslag, drugsproductie of als dekmantel. Ze kiezen verhuurders die weinig vragen stellen.

Let op bij het aangaan van de huur:
- De huurder wil een jaar of langer vooruit betalen, liefst contant.
- De huurder heeft haast, onderhandelt niet over de prijs en wil het pand niet goed bekijken.
- Het bedrijf staat pas kort ingeschreven bij de KvK, of de activiteit past niet bij het pand.
- Een tussenpersoon tekent; de echte gebruiker blijft buiten beeld.
- De huurder vraagt om geen bezichtigingen of inspecties tijdens de huur.

Let op tijdens de huur:
- Ramen worden afgeplakt of geblindeerd; er komen extra sloten en camera's.
- Het stroomverbruik stijgt sterk, of er wordt aan de meterkast gewerkt.
- Vreemde geur (anijs, chemisch), lawaai van ventilatoren, condens op de ramen.
- Verkeer 's nachts en in het weekend, steeds wisselende voertuigen.

Wat u kunt doen: vraag een identiteitsbewijs en KvK-uittreksel, laat huur per bank betalen, leg in het contract inspectierecht vast en bespreek twijfels met de accountmanager van EZ of de wijkagent.
"""),
        new("Red flags for landlords: who is renting your premises?", "What owners and landlords check before signing and during the lease.", LibraryCategory.LandlordsAndLetting, "en", "letting tenant cash premises", false, """
Criminals rent business premises for storage, drug production or as a front. They look for landlords who ask few questions.

Watch out when letting:
- The tenant wants to pay a year or more in advance, preferably in cash.
- The tenant is in a hurry, does not negotiate the price and hardly looks at the premises.
- The company was registered with the KvK only recently, or its activity does not fit the premises.
- An intermediary signs; the real user stays out of sight.
- The tenant asks for no viewings or inspections during the lease.

Watch out during the lease:
- Windows are taped over or blacked out; extra locks and cameras appear.
- Power use rises sharply, or someone works on the meter cupboard.
- A strange smell (aniseed, chemical), fan noise, condensation on the windows.
- Traffic at night and at weekends, ever-changing vehicles.

What you can do: ask for an ID and a KvK extract, have rent paid by bank transfer, put a right of inspection in the lease, and talk doubts through with the EZ account manager or the community police officer.
"""),
        new("Signalen per branche: transport, opslag, autohandel en horecagroothandel", "Herkenbare signalen van ondermijning in vier branches op bedrijventerreinen.", LibraryCategory.RedFlagsPerBranch, "nl", "transport opslag autohandel horeca groothandel", false, """
Transport
- Chauffeurs worden benaderd om 'even' een extra lading mee te nemen of een container op te halen.
- Vrachtbrieven kloppen niet met de lading; verzegelingen zijn beschadigd of vervangen.
- Nieuwe klanten betalen contant en ruim boven de markt.

Opslag
- Een huurder van een opslagunit komt alleen 's nachts, of nooit.
- Goederen worden niet geregistreerd; de huurder wil geen inzage.
- Vreemde geur, afgeplakte ramen van de unit, veel stroomgebruik.

Autohandel
- Dure auto's worden contant gekocht of verkocht, vaak door steeds andere 'kopers'.
- Auto's staan kort op het terrein en verdwijnen zonder administratie.
- Verzoeken om auto's op naam van derden of van het bedrijf te zetten.

Horecagroothandel
- Klanten bestellen grote hoeveelheden zonder duidelijke afzet, contant betaald.
- Verzoeken om facturen op andere namen of met andere bedragen.
- Een afnemer neemt een zaak over met geld waarvan de herkomst onduidelijk is.

Eén signaal bewijst niets; meerdere signalen samen zijn reden om te melden.
"""),
        new("Red flags per branch: transport, storage, car trade and hospitality suppliers", "Recognisable signs of organised crime in four branches on business parks.", LibraryCategory.RedFlagsPerBranch, "en", "transport storage car-trade hospitality wholesale", false, """
Transport
- Drivers are asked to take 'just one' extra load along or to pick up a container.
- Consignment notes do not match the load; seals are damaged or replaced.
- New customers pay cash and well above market rates.

Storage
- The tenant of a storage unit comes only at night, or never.
- Goods are not registered; the tenant refuses any look inside.
- A strange smell, taped-over windows of the unit, high power use.

Car trade
- Expensive cars are bought or sold for cash, often by ever-different 'buyers'.
- Cars stay on the premises briefly and disappear without paperwork.
- Requests to register cars in the name of third parties or of the company.

Hospitality suppliers
- Customers order large quantities without a clear market for them, paid in cash.
- Requests for invoices in other names or with other amounts.
- A customer takes over a business with money of unclear origin.

One sign proves nothing; several signs together are a reason to report.
"""),
        new("Wat te doen als u benaderd of bedreigd wordt", "Criminelen benaderen ondernemers met aanbiedingen, verzoeken of druk. Zo reageert u veilig.", LibraryCategory.WhenApproached, "nl", "benaderd bedreigd afpersing omkoping", true, """
Criminelen zoeken ondernemers die iets kunnen bieden: een pand, transport, een bedrijfsnaam, personeel of een bankrekening. Het begint vaak klein en vriendelijk: een gunst, een goede prijs, een lening.

Als u benaderd wordt:
- Ga niet in op het aanbod en beloof niets. Zeg dat u erover na moet denken.
- Blijf rustig en ga niet zelf onderzoeken of confronteren.
- Schrijf direct op wat er gebeurde: wie, wanneer, wat er gezegd werd, kentekens, telefoonnummers.
- Bespreek het met iemand die u vertrouwt: de wijkagent, de accountmanager van EZ of het bestuur van de ondernemersvereniging.

Als u bedreigd wordt of in direct gevaar bent: bel 112.

Wie al iets heeft aangenomen of gedaan, kan nog steeds hulp vragen. Hoe eerder, hoe meer er mogelijk is. U staat er niet alleen voor.
"""),
        new("What to do when you are approached or threatened", "Criminals approach entrepreneurs with offers, requests or pressure. This is how to respond safely.", LibraryCategory.WhenApproached, "en", "approached threatened extortion bribery", false, """
Criminals look for entrepreneurs who can offer something: premises, transport, a company name, staff or a bank account. It often starts small and friendly: a favour, a good price, a loan.

If you are approached:
- Do not accept the offer and promise nothing. Say you need to think about it.
- Stay calm and do not investigate or confront anyone yourself.
- Write down straight away what happened: who, when, what was said, number plates, phone numbers.
- Talk it through with someone you trust: the community police officer, the EZ account manager or the board of the business association.

If you are threatened or in immediate danger: call 112.

Anyone who has already accepted or done something can still ask for help. The sooner, the more is possible. You are not on your own.
"""),
        new("Zo meldt u: de meldroutes op een rij", "Welke route past bij welke situatie: 112, de politie, Meld Misdaad Anoniem en de hub.", LibraryCategory.ReportingRoutes, "nl", "melden anoniem 112 politie mma", true, """
Spoed of direct gevaar: bel 112.

Geen spoed, wel een misdrijf of verdachte situatie: bel de politie op 0900-8844 of neem contact op met de wijkagent (zie uw contacten in de hub).

Anoniem melden: bel Meld Misdaad Anoniem op 0800-7000 of meld via meldmisdaadanoniem.nl. Uw gegevens worden niet doorgegeven; u hoeft niet te getuigen.

Via deze hub:
- Een signaal over een pand, bedrijf of gebeurtenis op het terrein kunt u melden onder Signalen. Alleen de gemeente (OOV) ziet uw melding.
- Zonder account kunt u anoniem melden via de pagina Melden.

Wat helpt bij een melding: wat u zag of hoorde, waar en wanneer, kentekens, beschrijvingen van personen en voertuigen. Ga nooit zelf bewijs verzamelen of iemand aanspreken.
"""),
        new("How to report: the reporting routes at a glance", "Which route fits which situation: 112, the police, Meld Misdaad Anoniem and the hub.", LibraryCategory.ReportingRoutes, "en", "report anonymous 112 police mma", false, """
Emergency or immediate danger: call 112.

No emergency, but a crime or a suspicious situation: call the police on 0900-8844 or contact the community police officer (see your contacts in the hub).

Report anonymously: call Meld Misdaad Anoniem on 0800-7000 or report through meldmisdaadanoniem.nl. Your details are not passed on; you do not have to testify.

Through this hub:
- A signal about premises, a company or an event on the estate can be reported under Signals. Only the municipality (OOV) sees your report.
- Without an account you can report anonymously on the Melden page.

What helps in a report: what you saw or heard, where and when, number plates, descriptions of people and vehicles. Never gather evidence yourself or confront anyone.
"""),
    ];
}
