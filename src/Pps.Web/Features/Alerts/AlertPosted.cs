using Mediator;

namespace Pps.Web.Features.Alerts;

/// <summary>An alert was stored (published after commit).</summary>
public sealed record AlertPosted(Guid AlertId, Guid TenantId, AlertMessage Message, IReadOnlyList<Guid> Recipients) : INotification;

/// <summary>Someone's delivered/read/acknowledged state of an alert changed (published after commit).</summary>
public sealed record AlertReceiptsChanged(Guid AlertId, Guid TenantId) : INotification;
