using System.Net;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Reach;

public sealed record PushKeys(string? P256dh, string? Auth);

/// <summary>The browser's <c>PushSubscription.toJSON()</c>: endpoint and keys.</summary>
public sealed record SubscribePush(string? Endpoint, PushKeys? Keys) : ICommand<Result<PushSubscriptionView>>;

public sealed record PushSubscriptionView(Guid Id, string Endpoint, DateTimeOffset CreatedAt);

internal static class PushKeyRules
{
    public static bool IsKey(string? value, int length, byte? first = null)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 120)
        {
            return false;
        }

        try
        {
            var bytes = WebEncoders.Base64UrlDecode(value.TrimEnd('='));
            return bytes.Length == length && (first is null || bytes[0] == first);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

internal sealed class SubscribePushValidator : AbstractValidator<SubscribePush>
{
    public SubscribePushValidator(IOptions<ReachOptions> options, IHostEnvironment env)
    {
        RuleFor(c => c.Endpoint).NotEmpty().MaximumLength(PushSubscription.EndpointMax)
            .Must(e => IsAllowedEndpoint(e, options.Value, env)).WithMessage("The endpoint is not an https URL of a known push service.");
        RuleFor(c => c.Keys).NotNull();
        RuleFor(c => c.Keys!.P256dh).Must(k => PushKeyRules.IsKey(k, 65, 0x04))
            .WithName("keys.p256dh").WithMessage("p256dh is a base64url P-256 public key (65 bytes, uncompressed).").When(c => c.Keys is not null);
        RuleFor(c => c.Keys!.Auth).Must(k => PushKeyRules.IsKey(k, 16))
            .WithName("keys.auth").WithMessage("auth is a base64url 16-byte secret.").When(c => c.Keys is not null);
    }

    internal static bool IsAllowedEndpoint(string? endpoint, ReachOptions options, IHostEnvironment env)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        if (uri.IsLoopback && !env.IsProduction() && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return true;
        }

        if (uri.Scheme != Uri.UriSchemeHttps || IPAddress.TryParse(uri.Host, out _))
        {
            return false;
        }

        var host = uri.Host.ToLowerInvariant();
        return options.PushHosts.Any(h => h.StartsWith('.') ? host.EndsWith(h, StringComparison.Ordinal) : host == h);
    }
}

internal sealed class SubscribePushHandler(PpsDb db, ICurrentMember me, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<SubscribePush, Result<PushSubscriptionView>>
{
    public async ValueTask<Result<PushSubscriptionView>> Handle(SubscribePush cmd, CancellationToken ct)
    {
        if (me.TenantId is not { } tenantId)
        {
            return Result<PushSubscriptionView>.Forbidden("Push is for members of a municipality.");
        }

        // The endpoint is unique per browser profile. If someone else subscribed it before (a shared device), it
        // now belongs to the caller only: the previous member must stop receiving pushes on it.
        var existing = await db.PushSubscriptions.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.Endpoint == cmd.Endpoint, ct);
        if (existing is not null && existing.MemberId != me.Id)
        {
            db.PushSubscriptions.Remove(existing);
            await db.SaveChangesAsync(ct);
            existing = null;
        }

        var created = existing is null;
        if (existing is null)
        {
            existing = new PushSubscription
            {
                TenantId = tenantId, MemberId = me.Id, Endpoint = cmd.Endpoint!, P256dh = cmd.Keys!.P256dh!, Auth = cmd.Keys.Auth!,
                CreatedAt = clock.GetUtcNow(),
            };
            db.PushSubscriptions.Add(existing);
            audit.Add("reach.push-subscribed", $"push-subscription:{existing.Id}");
        }
        else
        {
            existing.P256dh = cmd.Keys!.P256dh!;
            existing.Auth = cmd.Keys.Auth!;
        }

        await db.SaveChangesAsync(ct);
        var view = new PushSubscriptionView(existing.Id, existing.Endpoint, existing.CreatedAt);
        return created ? Result<PushSubscriptionView>.Created(view) : Result<PushSubscriptionView>.Ok(view);
    }
}

/// <summary>Removes one of the caller's own push subscriptions (opt-out on this device).</summary>
public sealed record UnsubscribePush(string? Endpoint) : ICommand<Result>;

internal sealed class UnsubscribePushValidator : AbstractValidator<UnsubscribePush>
{
    public UnsubscribePushValidator() => RuleFor(c => c.Endpoint).NotEmpty().MaximumLength(PushSubscription.EndpointMax);
}

internal sealed class UnsubscribePushHandler(PpsDb db, ICurrentMember me, IAuditLog audit) : ICommandHandler<UnsubscribePush, Result>
{
    public async ValueTask<Result> Handle(UnsubscribePush cmd, CancellationToken ct)
    {
        // Someone else's endpoint is "not found": its existence is not the caller's business.
        var subscription = await db.PushSubscriptions.SingleOrDefaultAsync(s => s.Endpoint == cmd.Endpoint && s.MemberId == me.Id, ct);
        if (subscription is null)
        {
            return Result.NotFound("No such push subscription of yours.");
        }

        db.PushSubscriptions.Remove(subscription);
        audit.Add("reach.push-unsubscribed", $"push-subscription:{subscription.Id}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

/// <summary>The caller's own devices.</summary>
public sealed record GetMyPushSubscriptions : IQuery<IReadOnlyList<PushSubscriptionView>>;

internal sealed class GetMyPushSubscriptionsHandler(PpsDb db, ICurrentMember me) : IQueryHandler<GetMyPushSubscriptions, IReadOnlyList<PushSubscriptionView>>
{
    public async ValueTask<IReadOnlyList<PushSubscriptionView>> Handle(GetMyPushSubscriptions q, CancellationToken ct)
        => await db.PushSubscriptions.Where(s => s.MemberId == me.Id).OrderBy(s => s.CreatedAt)
            .Select(s => new PushSubscriptionView(s.Id, s.Endpoint, s.CreatedAt)).ToListAsync(ct);
}
