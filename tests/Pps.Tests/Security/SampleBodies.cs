using System.Globalization;

namespace Pps.Tests.Security;

/// <summary>
/// A minimal valid body for every route that takes one, keyed like the authorisation matrix. With an empty body a
/// route that validates before it checks who is calling answers 400 to everybody, which proves nothing about the
/// refusal; with a valid body the refusal (401/403/404) or the success is what the matrix sees. Filled from the
/// use-case request records and their validators. Placeholders: {estate} (Lansinghage), {tenant} (Zoetermeer),
/// {unit} (the unit ondernemer.lansinghage's business occupies), {unique}, {start} and {end} (tomorrow on the fixture's clock, one hour apart).
/// </summary>
public static class SampleBodies
{
    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["POST /api/alerts/"] = """{"title":"Matrix {unique}","body":"Authorisation matrix check.","severity":"info","estateIds":["{estate}"],"roles":[],"wholeTenant":false,"requiresAcknowledgement":false}""",
        ["PUT /api/alerts/preferences"] = """{"emailSeverities":["urgent"]}""",
        ["POST /api/boards/{id:guid}/posts"] = """{"title":"Matrix {unique}","body":"Authorisation matrix check."}""",
        ["PUT /api/directory/consent"] = """{"sharePhone":false,"shareEmail":false}""",
        ["PUT /api/estates/{id:guid}"] = """{"name":"Matrix {unique}","outline":{"type":"Polygon","coordinates":[[[4.49,52.06],[4.5,52.06],[4.5,52.07],[4.49,52.06]]]}}""",
        ["POST /api/estates/"] = """{"tenantId":"{tenant}","name":"Matrix {unique}","slug":"matrix-{unique}","outline":{"type":"Polygon","coordinates":[[[4.49,52.06],[4.5,52.06],[4.5,52.07],[4.49,52.06]]]}}""",
        ["POST /api/admin/tenants/"] = """{"name":"Matrix {unique}","slug":"matrix-{unique}"}""",
        ["PUT /api/tenants/{tenantId:guid}/two-factor-policy/"] = """{"requirement":"privileged","graceDays":14}""",
        ["PUT /api/me/profile"] = """{"displayName":"Matrix caller","phoneNumber":null,"culture":"nl","sharePhone":false,"shareEmail":false}""",
        ["POST /api/meetings/"] = """{"title":"Matrix {unique}","kind":"meeting","start":"{start}","end":"{end}","estateIds":["{estate}"]}""",
        ["PUT /api/meetings/{id:guid}"] = """{"title":"Matrix {unique}","start":"{start}","end":"{end}"}""",
        ["POST /api/meetings/{id:guid}/rsvp"] = """{"response":"yes"}""",
        ["PUT /api/meetings/{id:guid}/minutes"] = """{"minutes":"Matrix minutes.","decisions":"None."}""",
        ["POST /api/meetings/{id:guid}/actions"] = """{"title":"Matrix action {unique}"}""",
        ["PUT /api/meetings/actions/{id:guid}/status"] = """{"status":"done"}""",
        ["POST /api/meetings/{id:guid}/findings"] = """{"description":"Matrix finding.","longitude":4.49,"latitude":52.06}""",
        ["POST /api/meetings/findings/{id:guid}/action"] = """{}""",
        ["POST /api/members/{id:guid}/roles/"] = """{"role":"entrepreneur","estateId":"{estate}"}""",
        ["POST /api/members/{id:guid}/sessions/end"] = """{}""",
        ["POST /api/me/sessions/end-others"] = """{}""",
        ["POST /api/organisations/"] = """{"tenantId":"{tenant}","kind":"business","name":"Matrix {unique}","kvkNumber":"12345678","branchNumber":"123456789012","estateId":"{estate}"}""",
        ["PUT /api/organisations/{id:guid}"] = """{"kind":"business","name":"Matrix {unique}","kvkNumber":"12345678","branchNumber":"123456789012","estateId":"{estate}"}""",
        ["PUT /api/posts/{id:guid}"] = """{"title":"Matrix {unique}","body":"Edited."}""",
        ["POST /api/posts/{id:guid}/replies"] = """{"body":"Matrix reply."}""",
        ["POST /api/posts/{id:guid}/pin"] = """{"pinned":true}""",
        ["POST /api/posts/{id:guid}/reports"] = """{"reason":"Matrix report."}""",
        ["POST /api/posts/{id:guid}/hide"] = """{"reason":"Matrix hide."}""",
        ["POST /api/library/{id:guid}/confirm"] = """{"version":1}""",
        ["PUT /api/reach/preferences"] = """{"pushSeverities":["urgent"],"smsUrgent":false}""",
        ["POST /api/reach/push-subscriptions"] = """{"endpoint":"https://fcm.googleapis.com/fcm/send/matrix-{unique}","keys":{"p256dh":"BAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-P0A","auth":"AAECAwQFBgcICQoLDA0ODw"}}""",
        ["POST /api/signals/mine/{id:guid}/answer"] = """{"answer":"Matrix answer."}""",
        ["PATCH /api/signals/{id:guid}"] = """{"priority":"high"}""",
        ["POST /api/signals/{id:guid}/status"] = """{"status":"inProgress"}""",
        ["POST /api/signals/{id:guid}/notes"] = """{"text":"Matrix note."}""",
        ["POST /api/signals/{id:guid}/questions"] = """{"question":"Matrix question?"}""",
        ["POST /api/signals/{id:guid}/links"] = """{"otherId":"{random}"}""",
        ["POST /api/signals/{id:guid}/reveal-requests"] = """{"reason":"Matrix reveal request."}""",
        ["PATCH /api/integrity/{id:guid}"] = """{"priority":"high"}""",
        ["POST /api/integrity/{id:guid}/status"] = """{"status":"inProgress"}""",
        ["POST /api/integrity/{id:guid}/notes"] = """{"text":"Matrix note."}""",
        ["POST /api/integrity/{id:guid}/questions"] = """{"question":"Matrix question?"}""",
        ["POST /api/integrity/{id:guid}/links"] = """{"otherId":"{random}"}""",
        ["POST /api/integrity/{id:guid}/reveal-requests"] = """{"reason":"Matrix reveal request."}""",
        ["POST /api/units/"] = """{"tenantId":"{tenant}","estateId":"{estate}","bagId":"{bag}","street":"Matrixstraat","houseNumber":"1","postalCode":"2700 AB","city":"Zoetermeer","longitude":4.49,"latitude":52.06}""",
        ["PUT /api/units/{unitId:guid}/occupant"] = """{"vacant":true}""",
        ["POST /api/vetting/{memberId:guid}/verify"] = """{"kvkNumber":"12345678","branchNumber":"123456789012","note":"Matrix."}""",
        ["POST /api/vetting/{memberId:guid}/confirm"] = """{"note":"Matrix."}""",
        ["POST /api/vetting/{memberId:guid}/suspend"] = """{"reason":"Matrix."}""",
        ["POST /api/vetting/{memberId:guid}/lift-suspension"] = """{"note":"Matrix."}""",
        ["POST /api/watch/estates/{estateId:guid}/rounds"] = """{"start":"{start}","end":"{end}","route":"Matrix route","minimumPeople":2}""",
        ["PUT /api/watch/rounds/{id:guid}"] = """{"start":"{start}","end":"{end}","route":"Matrix route","minimumPeople":2}""",
        ["POST /api/watch/rounds/{id:guid}/assign"] = """{"memberId":"{random}"}""",
        ["POST /api/watch/rounds/{id:guid}/swap"] = """{"memberId":"{random}"}""",
        ["POST /api/watch/rounds/{id:guid}/report"] = """{"allQuiet":true}""",
        ["POST /api/watch/estates/{estateId:guid}/incidents"] = """{"kind":"theft","occurredAt":"{past}","description":"Matrix incident.","longitude":4.49,"latitude":52.06,"confirmOutside":true}""",
        ["POST /api/watch/cameras"] = """{"unitId":"{unit}","longitude":4.49,"latitude":52.06,"directionDegrees":90,"covers":"Matrix entrance","retentionDays":7,"contact":"Matrix desk"}""",
        ["PUT /api/watch/cameras/{id:guid}"] = """{"unitId":"{unit}","longitude":4.49,"latitude":52.06,"directionDegrees":90,"covers":"Matrix entrance","retentionDays":7,"contact":"Matrix desk"}""",
    };

    /// <summary>
    /// Routes that take a body but have no sample here, each with the reason. A new route that takes a body must get
    /// a sample or a line here (<see cref="AuthorisationMatrixTests"/> fails otherwise).
    /// </summary>
    public static readonly Dictionary<string, string> WithoutSample = new(StringComparer.Ordinal)
    {
        ["POST /api/signals/"] = "multipart form (photos): members may report; refusals proven by the anonymous and platform-admin columns and Signals tests",
        ["POST /api/signals/anonymous"] = "public by design (anonymous report, no account); rate-limited per address",
        ["POST /api/signals/follow-up"] = "public by design: the anonymous follow-up code is the credential",
        ["POST /api/signals/follow-up/answer"] = "public by design: the anonymous follow-up code is the credential",
        ["POST /api/integrity/"] = "multipart form, like POST /api/signals/: every member may report an integrity concern",
        ["POST /api/library/"] = "multipart upload (a PDF): refusals by role are checked before the form is read (403 rows in the matrix)",
        ["POST /api/library/{id:guid}/versions"] = "multipart upload (a PDF): the document id is checked before the form is read",
        ["POST /api/imports/units"] = "CSV body (text/csv), not JSON: the role is checked before the body is parsed (403 rows in the matrix)",
        ["POST /culture"] = "form post of the language switch, public by design",
        ["POST /api/members/registrations"] = "public by design (self-registration), rate-limited per address",
        ["POST /api/auth/login"] = "public by design (Identity API)",
        ["POST /api/auth/register"] = "public by design (Identity API), rate-limited per address",
        ["POST /api/auth/refresh"] = "public by design: the refresh token is the credential",
        ["POST /api/auth/forgotPassword"] = "public by design, rate-limited per address",
        ["POST /api/auth/resetPassword"] = "public by design: the reset code is the credential",
        ["POST /api/auth/resendConfirmationEmail"] = "public by design, rate-limited per address",
        ["POST /api/auth/manage/2fa"] = "the caller's own account only (no id in the route); every signed-in member may call it",
        ["POST /api/auth/manage/info"] = "the caller's own account only (no id in the route); every signed-in member may call it",
    };

    public static bool Has(string routeKey) => Bodies.ContainsKey(routeKey);

    public static string? For(string routeKey, SampleContext context)
    {
        if (!Bodies.TryGetValue(routeKey, out var body))
        {
            return null;
        }

        var unique = Guid.NewGuid().ToString("N")[..10];
        return body
            .Replace("{estate}", context.EstateId.ToString(), StringComparison.Ordinal)
            .Replace("{tenant}", context.TenantId.ToString(), StringComparison.Ordinal)
            .Replace("{unit}", context.UnitId.ToString(), StringComparison.Ordinal)
            .Replace("{unique}", unique, StringComparison.Ordinal)
            .Replace("{random}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{bag}", Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{start}", context.Now.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{end}", context.Now.AddDays(1).AddHours(1).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{past}", context.Now.AddHours(-2).ToString("O", CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    public static IEnumerable<string> Keys => Bodies.Keys;
}

public sealed record SampleContext(Guid TenantId, Guid EstateId, Guid UnitId, DateTimeOffset Now);
