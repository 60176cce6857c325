using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;

namespace Pps.Web.Infrastructure.Idempotency;

/// <summary>
/// Safe retries for writes that must never happen twice (an alert, a post). A client that sends an
/// <c>Idempotency-Key</c> header and retries after a lost answer gets the first answer again, marked
/// <c>Idempotent-Replayed: true</c>, and nothing is stored a second time. The key is stored in the same transaction as
/// the write (<see cref="IdempotencyInterceptor"/>), so a crash between the two cannot split them. Keys are per member
/// and kept for <see cref="IdempotencyOptions.KeepFor"/>. Without the header nothing changes.
/// </summary>
internal sealed partial class IdempotencyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 100;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values))
        {
            return await next(context);
        }

        var key = values.ToString();
        if (!KeyPattern().IsMatch(key))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [Header] = [$"Use 1 to {MaxKeyLength} letters, digits, '-', '_', '.' or ':' (a UUID is best)."] },
                title: "Invalid Idempotency-Key");
        }

        var services = http.RequestServices;
        var me = services.GetRequiredService<ICurrentMember>();
        var db = services.GetRequiredService<PpsDb>();
        var ct = http.RequestAborted;
        var operation = $"{http.Request.Method} {(http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText}";

        var earlier = await db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.MemberId == me.Id && r.Key == key, ct);
        if (earlier is not null)
        {
            return Replay(earlier, operation, http);
        }

        var scope = services.GetRequiredService<IdempotencyScope>();
        scope.Begin(new IdempotentRequest { MemberId = me.Id, Key = key, Operation = operation, CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow() });
        object? result;
        try
        {
            result = await next(context);
        }
        catch (DbUpdateException)
        {
            // A concurrent retry with the same key stored first; this attempt's transaction was rolled back.
            if (await db.IdempotentRequests.AsNoTracking().AnyAsync(r => r.MemberId == me.Id && r.Key == key, CancellationToken.None))
            {
                return InProgress();
            }

            throw;
        }

        if (!scope.Persisted)
        {
            // Nothing was stored (refused, invalid): the key stays free for a corrected attempt.
            return result;
        }

        var (status, json, location) = Describe(result, services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
        await db.IdempotentRequests
            .Where(r => r.MemberId == me.Id && r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, status).SetProperty(r => r.ResponseJson, json).SetProperty(r => r.Location, location), CancellationToken.None);
        return result;
    }

    private static IResult Replay(IdempotentRequest earlier, string operation, HttpContext http)
    {
        if (earlier.Operation != operation)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency-Key already used",
                detail: "This Idempotency-Key was used for another kind of request. Use a new key for every new request.");
        }

        if (earlier.StatusCode is not { } status)
        {
            return InProgress();
        }

        http.Response.Headers[ReplayedHeader] = "true";
        if (earlier.Location is { Length: > 0 } location)
        {
            http.Response.Headers.Location = location;
        }

        return earlier.ResponseJson is { } json
            ? Results.Content(json, status >= 400 ? "application/problem+json" : "application/json", statusCode: status)
            : Results.StatusCode(status);
    }

    private static IResult InProgress() => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Request already accepted",
        detail: "A request with this Idempotency-Key has been stored; its answer is not known yet. Look it up instead of sending it again.");

    private static (int Status, string? Json, string? Location) Describe(object? result, JsonSerializerOptions json)
    {
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        var body = result is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), json) : null;
        var location = result?.GetType().GetProperty("Location")?.GetValue(result) as string;
        return (status, body, location);
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex KeyPattern();
}

public static class IdempotencyRegistration
{
    /// <summary>Lets clients retry this endpoint safely with an <c>Idempotency-Key</c> header.</summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) => builder.AddEndpointFilter<IdempotencyFilter>();
}
