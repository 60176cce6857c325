using Microsoft.AspNetCore.Identity;
using Pps.Web.Features.Members;

namespace Pps.Web.Infrastructure.Auth;

/// <summary>
/// Refuses passwords that are easy to guess, the way ASVS 5.0 asks (6.2.4 common passwords, 6.2.11 context words)
/// instead of composition rules (6.2.5: none): zxcvbn estimates how long an attacker needs, with its lists of common
/// passwords, names and words, keyboard patterns, dates and repeats, plus the member's own e-mail address and name and
/// the words of this hub. Below <see cref="MinimumScore"/> the password is refused ("password123", "Welkom2026!",
/// "Ondermijning1" and a name score 0; "Pps-demo-2026!" and a sentence of five words score 4).
/// The minimum length (10) stays Identity's own rule.
/// </summary>
internal sealed class PasswordStrengthValidator : IPasswordValidator<Member>
{
    /// <summary>zxcvbn's score (0–4) from its estimated crack time: 2 means at least 10^4 s for its model attacker.</summary>
    public const int MinimumScore = 2;

    /// <summary>zxcvbn's matching grows with length; the first 100 characters decide (a longer password is long enough).</summary>
    private const int Evaluated = 100;

    private static readonly string[] HubWords = ["ppshub", "ondermijning", "bedrijventerrein", "ondernemer", "gemeente", "wachtwoord", "welkom"];

    public Task<IdentityResult> ValidateAsync(UserManager<Member> manager, Member user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            // Identity's length rule reports an empty password.
            return Task.FromResult(IdentityResult.Success);
        }

        var context = HubWords
            .Concat(Words(user.Email?.Split('@')[0]))
            .Concat(Words(user.DisplayName))
            .Distinct()
            .ToList();
        var result = global::Zxcvbn.Zxcvbn.MatchPassword(password.Length > Evaluated ? password[..Evaluated] : password, context);
        return Task.FromResult(result.Score >= MinimumScore
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooGuessable",
                Description = "The password is too easy to guess: it is a common password, a common pattern, or holds your name or e-mail address. A few unrelated words make a strong one.",
            }));
    }

    private static IEnumerable<string> Words(string? text)
        => text is null ? [] : text.Split([' ', '.', '-', '_', '+'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 3).Select(w => w.ToLowerInvariant());
}
