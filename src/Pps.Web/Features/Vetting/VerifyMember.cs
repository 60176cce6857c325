using System.Text.Json;
using FluentValidation;
using Mediator;
using Pps.Web.Features.Members;
using Pps.Web.Features.Tenancy;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Auth;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Kvk;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Vetting;

/// <summary>
/// EZ checks the member's KvK number, branch number and branch address against the unit their business occupies.
/// In manual mode the address fields are what the account manager saw in the register; with the KvK API they are ignored.
/// </summary>
public sealed record VerifyMember(
    Guid MemberId,
    string KvkNumber,
    string BranchNumber,
    string? Street,
    string? HouseNumber,
    string? PostalCode,
    string? City,
    string? Note) : ICommand<Result<VettingProgress>>;

internal sealed class VerifyMemberValidator : AbstractValidator<VerifyMember>
{
    public VerifyMemberValidator()
    {
        RuleFor(c => c.KvkNumber).NotEmpty().KvkNumber();
        RuleFor(c => c.BranchNumber).NotEmpty().BranchNumber();
        RuleFor(c => c.Street).MaximumLength(200);
        RuleFor(c => c.HouseNumber).MaximumLength(20);
        RuleFor(c => c.PostalCode).MaximumLength(7);
        RuleFor(c => c.City).MaximumLength(100);
        RuleFor(c => c.Note).MaximumLength(1000);
    }
}

internal sealed class VerifyMemberHandler(PpsDb db, ICurrentMember me, IKvkAdapter kvk, VettingEngine engine, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<VerifyMember, Result<VettingProgress>>
{
    public async ValueTask<Result<VettingProgress>> Handle(VerifyMember cmd, CancellationToken ct)
    {
        if (!me.IsInRole(Roles.Ez))
        {
            return Result<VettingProgress>.Forbidden("Only an EZ account manager verifies members.");
        }

        var subject = await VettingSubject.LoadAsync(db, cmd.MemberId, ct);
        if (subject is null)
        {
            return Result<VettingProgress>.NotFound();
        }

        var record = await engine.RecordOfAsync(subject.Member, ct);
        if (record.SuspendedAt is not null)
        {
            return Result<VettingProgress>.Conflict("The member is suspended.");
        }

        if (subject.Member.VettingLevel != VettingLevel.Registered)
        {
            return Result<VettingProgress>.Conflict($"The member is already {subject.Member.VettingLevel}; only a registered member can be verified.");
        }

        if (subject.Business is null)
        {
            return Result<VettingProgress>.Invalid("memberId", "The member is not linked to a business.");
        }

        if (subject.Business.KvkNumber != cmd.KvkNumber)
        {
            return Result<VettingProgress>.Invalid("kvkNumber", "The KvK number is not the one of the member's business.");
        }

        if (subject.Business.BranchNumber != cmd.BranchNumber)
        {
            return Result<VettingProgress>.Invalid("branchNumber", "The branch number is not the one of the member's business.");
        }

        if (subject.Unit is null || !subject.Estates.Contains(subject.Unit.EstateId))
        {
            return Result<VettingProgress>.Invalid("unit", "The member's business occupies no unit on the member's estate.");
        }

        ManualKvkCheck? manual = null;
        if (!kvk.IsAutomatic)
        {
            if (string.IsNullOrWhiteSpace(cmd.Street) || string.IsNullOrWhiteSpace(cmd.HouseNumber) || string.IsNullOrWhiteSpace(cmd.PostalCode))
            {
                return Result<VettingProgress>.Invalid(new Dictionary<string, string[]>
                {
                    ["postalCode"] = ["Enter the branch address you checked in the register (street, house number, postal code)."],
                });
            }

            manual = new ManualKvkCheck(cmd.KvkNumber, cmd.BranchNumber, cmd.Street.Trim(), cmd.HouseNumber.Trim(), cmd.PostalCode.Trim(), cmd.City?.Trim() ?? "", cmd.Note);
        }

        KvkBranch branch;
        try
        {
            branch = await kvk.LookUpAsync(cmd.KvkNumber, cmd.BranchNumber, manual, ct);
        }
        catch (KvkUnavailableException ex)
        {
            return Result<VettingProgress>.Conflict($"The KvK register could not be consulted: {ex.Message} Try again later.");
        }

        if (!branch.Found)
        {
            return Result<VettingProgress>.Invalid("branchNumber", "The register has no such branch for this KvK number.");
        }

        if (branch.EndDate is { } end)
        {
            return Result<VettingProgress>.Invalid("branchNumber", $"The branch was deregistered on {end:yyyy-MM-dd}.");
        }

        if (branch.Shielded || branch.Address is null)
        {
            return Result<VettingProgress>.Invalid("address", "The register shields this branch's address; it cannot be compared with the unit.");
        }

        if (!branch.Address.SamePremisesAs(subject.Unit.PostalCode, subject.Unit.HouseNumber))
        {
            return Result<VettingProgress>.Invalid("address", $"The branch address in the register ({branch.Address.PostalCode} {branch.Address.HouseNumber}) is not the unit's address.");
        }

        var evidence = JsonSerializer.Serialize(new
        {
            source = branch.Source,
            kvkNumber = branch.KvkNumber,
            branchNumber = branch.BranchNumber,
            tradeName = branch.TradeName,
            address = $"{branch.Address.Street} {branch.Address.HouseNumber}, {branch.Address.PostalCode} {branch.Address.City}",
            unit = subject.Unit.BagId,
            note = cmd.Note,
        });
        var now = clock.GetUtcNow();
        record.KvkNumber = cmd.KvkNumber;
        record.BranchNumber = cmd.BranchNumber;
        record.VerifiedAt = now;
        record.LastCheckedAt = now;
        engine.Step(subject.Member, VettingStepKind.Verified, VettingLevel.Verified, VettingActor.From(me), evidence, audit);
        await db.SaveChangesAsync(ct);
        return Result<VettingProgress>.Ok((await VettingProgressReader.ReadAsync(db, cmd.MemberId, ct))!);
    }
}
