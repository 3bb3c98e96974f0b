using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Users.Login;

/// <summary>What a sign-in attempt came to, and the message the login page shows.</summary>
public sealed record LoginAttempt(bool Succeeded, User? User, string? Message);

/// <summary>
/// Sign-in by password under the tenant's <see cref="LoginSettings"/>. Identity's own lockout counts
/// to one limit and then starts over; these rules need two (a cooling-off period, then a lock until the
/// password is reset), so the count is kept here, in Identity's <c>AccessFailedCount</c> and
/// <c>LockoutEnd</c> plus <see cref="User.LockedUntilReset"/>, and times come from <see cref="TimeProvider"/>.
/// </summary>
public sealed class LoginRules(UserManager<User> users, SignInManager<User> signIn, TenantDbContext db, DocumentStore documents,
    SiteSettingsService site, TimeProvider clock)
{
    public const string WrongCredentials = "用户名或密码不正确。";
    public const string Locked = "账号已锁定。请点击【忘记密码】，通过短信验证码重设密码后即可解锁。";
    public const string Disabled = "该账号已停用，请联系管理员。";

    // Checked against an unknown user name, so that it takes as long as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(new User(), Guid.NewGuid().ToString()));

    public Task<LoginSettings> SettingsAsync() => documents.GetAsync<LoginSettings>();

    public async Task<LoginAttempt> SignInAsync(string userName, string password, bool persistent)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new User(), DummyHash.Value, password);
            return new(false, null, WrongCredentials);
        }
        var settings = await SettingsAsync();
        var now = clock.GetUtcNow();
        if (user.LockedUntilReset) return new(false, user, Locked);
        if (user.LockoutEnd is { } end && end > now) return new(false, user, await CoolingOffMessageAsync(settings, end, now));

        if (!await users.CheckPasswordAsync(user, password))
        {
            var count = await CountFailureAsync(user.Id, settings, now);
            if (count >= settings.LockAfter) return new(false, user, Locked);
            if (count == settings.CoolingOffAfter) return new(false, user, await CoolingOffMessageAsync(settings, now.AddMinutes(settings.CoolingOffMinutes), now));
            return new(false, user, WrongCredentials);
        }
        // Said only to whoever knows the password: the account's state is nobody else's business.
        if (!await signIn.CanSignInAsync(user)) return new(false, user, Disabled);
        if (user.AccessFailedCount != 0 || user.LockoutEnd is not null)
        {
            user.AccessFailedCount = 0;
            user.LockoutEnd = null;
            await users.UpdateAsync(user);
        }
        await signIn.SignInAsync(user, persistent, "pwd");
        return new(true, user, null);
    }

    /// <summary>Lifts the cooling-off period and the lock, and starts the count again (a password reset, an administrator).</summary>
    public static void Clear(User user)
    {
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        user.LockedUntilReset = false;
    }

    /// <summary>A cooling-off period or a lock in force now.</summary>
    public bool IsBlocked(User user) => user.LockedUntilReset || user.LockoutEnd > clock.GetUtcNow();

    /// <summary>
    /// Adds one failure in the database itself, so that parallel attempts each count, and starts the
    /// cooling-off period or the lock when the count reaches it. Returns the new count.
    /// </summary>
    private async Task<int> CountFailureAsync(string userId, LoginSettings settings, DateTimeOffset now)
    {
        var row = db.Users.Where(u => u.Id == userId);
        await row.ExecuteUpdateAsync(s => s
            .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1)
            .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()));
        var count = await row.Select(u => u.AccessFailedCount).SingleAsync();
        if (count >= settings.LockAfter)
            await row.ExecuteUpdateAsync(s => s.SetProperty(u => u.LockedUntilReset, true).SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null));
        else if (count == settings.CoolingOffAfter)
            await row.ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, now.AddMinutes(settings.CoolingOffMinutes)));
        return count;
    }

    private async Task<string> CoolingOffMessageAsync(LoginSettings settings, DateTimeOffset end, DateTimeOffset now)
    {
        var settingsOfSite = await site.GetAsync();
        var local = settingsOfSite.Local(end.UtcDateTime);
        var today = settingsOfSite.Local(now.UtcDateTime).Date;
        var at = local.Date == today ? local.ToString("HH:mm") : local.ToString("M月d日 HH:mm");
        var minutes = Math.Max(1, (int)Math.Ceiling((end - now).TotalMinutes));
        return $"连续登录失败 {settings.CoolingOffAfter} 次，请于 {at} 后再试（约 {minutes} 分钟）。";
    }
}
