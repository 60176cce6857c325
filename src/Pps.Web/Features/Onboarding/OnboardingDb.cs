using Microsoft.EntityFrameworkCore;
using Pps.Web.Features.Onboarding;

namespace Pps.Web.Infrastructure.Data;

public partial class PpsDb
{
    public DbSet<OnboardingProgress> OnboardingProgress => Set<OnboardingProgress>();
}
