using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Pps.Web.Infrastructure.Audit;
using Pps.Web.Infrastructure.Data;
using Pps.Web.Infrastructure.Web;

namespace Pps.Web.Features.Tenancy;

/// <summary>Registers a unit (premises) on an estate of the caller's tenant.</summary>
public sealed record CreateUnit(
    Guid EstateId,
    string BagId,
    string Street,
    string HouseNumber,
    string PostalCode,
    string City,
    double Longitude,
    double Latitude,
    string? OwnerName,
    Guid? OccupantOrganisationId) : ICommand<Result<UnitCreated>>;

public sealed record UnitCreated(Guid Id, Guid EstateId, string BagId, string Address);

internal sealed class CreateUnitValidator : AbstractValidator<CreateUnit>
{
    public CreateUnitValidator()
    {
        RuleFor(c => c.BagId).BagId();
        RuleFor(c => c.Street).NotEmpty().MaximumLength(200);
        RuleFor(c => c.HouseNumber).NotEmpty().MaximumLength(20);
        RuleFor(c => c.PostalCode).NotEmpty().Matches(Identifiers.PostalCode()).WithMessage("A Dutch postal code looks like 2700 AB.");
        RuleFor(c => c.City).NotEmpty().MaximumLength(100);
        RuleFor(c => c.OwnerName).MaximumLength(200);
        RuleFor(c => c.Longitude).InclusiveBetween(-180, 180);
        RuleFor(c => c.Latitude).InclusiveBetween(-90, 90);
    }
}

internal sealed class CreateUnitHandler(PpsDb db, IAuditLog audit, TimeProvider clock) : ICommandHandler<CreateUnit, Result<UnitCreated>>
{
    public async ValueTask<Result<UnitCreated>> Handle(CreateUnit cmd, CancellationToken ct)
    {
        var estate = await db.Estates.SingleOrDefaultAsync(e => e.Id == cmd.EstateId, ct);
        if (estate is null)
        {
            return Result<UnitCreated>.Invalid("estateId", "No such estate in your municipality.");
        }

        if (await db.Units.AnyAsync(u => u.BagId == cmd.BagId, ct))
        {
            return Result<UnitCreated>.Invalid("bagId", "A unit with this BAG id already exists.");
        }

        if (cmd.OccupantOrganisationId is { } occupant && !await db.Organisations.AnyAsync(o => o.Id == occupant, ct))
        {
            return Result<UnitCreated>.Invalid("occupantOrganisationId", "No such organisation in your municipality.");
        }

        var unit = new EstateUnit
        {
            TenantId = estate.TenantId,
            EstateId = estate.Id,
            BagId = cmd.BagId,
            Street = cmd.Street.Trim(),
            HouseNumber = cmd.HouseNumber.Trim(),
            PostalCode = cmd.PostalCode.Trim().ToUpperInvariant(),
            City = cmd.City.Trim(),
            Longitude = cmd.Longitude,
            Latitude = cmd.Latitude,
            OwnerName = cmd.OwnerName,
            OccupantOrganisationId = cmd.OccupantOrganisationId,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Units.Add(unit);
        audit.Add("unit.created", $"unit:{unit.Id}");
        await db.SaveChangesAsync(ct);
        return Result<UnitCreated>.Created(new UnitCreated(unit.Id, unit.EstateId, unit.BagId, unit.Address));
    }
}
