using System.Security.Cryptography;
using System.Text;
using Metrology.Core.Data;
using Metrology.Core.Notifications;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Metrology.Users.Login;

/// <summary>Where a reset's error belongs: the code field or the new password field.</summary>
public sealed record ResetOutcome(bool Succeeded, string? CodeError = null, IReadOnlyList<string>? PasswordErrors = null);

/// <summary>
/// Forgot password by SMS: a 6-digit code to the account's mobile, then code + new password. Every
/// answer is the same whether or not an account has the number, so the page tells nobody who is registered.
/// </summary>
public sealed class PasswordReset(TenantDbContext db, UserManager<User> users, DocumentStore documents,
    INotificationSender outbox, TimeProvider clock, ILogger<PasswordReset> log)
{
    public const string InvalidCode = "验证码无效或已过期，请重新获取。";
    public const string TooManyAttempts = "验证码错误次数过多，已失效，请重新获取。";

    /// <summary>The tenant sends SMS and has a template for the code.</summary>
    public Task<bool> IsAvailableAsync() => outbox.CanSendAsync(NotificationKinds.PasswordResetCode, NotificationChannel.Sms);

    /// <summary>Sends a code to <paramref name="mobile"/> (11-digit form) if an account has it; a refusal by the send limits is returned.</summary>
    public async Task<string?> SendAsync(string mobile)
    {
        var settings = await documents.GetAsync<LoginSettings>();
        var now = clock.GetUtcNow().UtcDateTime;
        var recent = await db.Set<PasswordResetCode>().Where(c => c.Mobile == mobile && c.CreatedUtc > now.AddHours(-1)).ToListAsync();
        if (recent.FirstOrDefault(c => c.CreatedUtc > now.AddSeconds(-LoginSettings.ResendSeconds)) is { } last)
            return $"验证码已发送，请 {Math.Max(1, (int)Math.Ceiling((last.CreatedUtc.AddSeconds(LoginSettings.ResendSeconds) - now).TotalSeconds))} 秒后再获取。";
        if (recent.Count >= settings.CodesPerHour)
            return $"同一手机号每小时最多获取 {settings.CodesPerHour} 次验证码，请稍后再试。";

        await db.Set<PasswordResetCode>().Where(c => c.Mobile == mobile && c.ClosedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClosedUtc, now));
        var user = await FindAccountAsync(mobile);
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        var salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        // A number without an account gets a row too (with a code nobody knows), so limits and answers do not differ.
        db.Add(new PasswordResetCode
        {
            Mobile = mobile,
            UserId = user?.Id,
            Salt = salt,
            CodeHash = Hash(salt, user is null ? Guid.NewGuid().ToString() : code),
            CreatedUtc = now,
            ExpiresUtc = now.AddMinutes(LoginSettings.CodeMinutes),
        });
        if (user is not null)
        {
            try
            {
                await outbox.QueueTemplateAsync(NotificationKinds.PasswordResetCode, NotificationChannel.Sms, mobile,
                    new { code, minutes = LoginSettings.CodeMinutes });
            }
            catch (NotificationException e)
            {
                // The answer stays the same as for any number; the administrator sees why in the log.
                log.LogWarning("Password reset code for user {UserId} was not queued: {Reason}", user.Id, e.Message);
            }
        }
        await db.SaveChangesAsync();
        return null;
    }

    /// <summary>Checks the latest code of <paramref name="mobile"/> and sets the new password, which also lifts any lock.</summary>
    public async Task<ResetOutcome> ResetAsync(string mobile, string code, string newPassword)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.Set<PasswordResetCode>().Where(c => c.Mobile == mobile && c.ClosedUtc == null)
            .OrderByDescending(c => c.CreatedUtc).ThenByDescending(c => c.Id).FirstOrDefaultAsync();
        if (row is null || row.ExpiresUtc <= now) return new(false, InvalidCode);
        if (row.FailedAttempts >= LoginSettings.CodeAttempts)
        {
            row.ClosedUtc = now;
            await db.SaveChangesAsync();
            return new(false, TooManyAttempts);
        }
        if (!CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(row.CodeHash), Convert.FromBase64String(Hash(row.Salt, code.Trim()))))
        {
            row.FailedAttempts++;
            await db.SaveChangesAsync();
            var left = LoginSettings.CodeAttempts - row.FailedAttempts;
            return new(false, left > 0 ? $"验证码不正确，还可尝试 {left} 次。" : TooManyAttempts);
        }
        var user = row.UserId is null ? null : await users.FindByIdAsync(row.UserId);
        if (user is null) return new(false, InvalidCode);

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded) return new(false, PasswordErrors: result.Errors.Select(e => e.Description).ToList());
        LoginRules.Clear(user);
        user.MustChangePassword = false;
        row.ClosedUtc = now;
        await users.UpdateAsync(user);
        return new(true);
    }

    /// <summary>The account that signs in with the number, or else the only account that gives it as its phone (staff).</summary>
    private async Task<User?> FindAccountAsync(string mobile)
    {
        if (await users.FindByNameAsync(mobile) is { } user) return user;
        var byPhone = await db.Users.Where(u => u.PhoneNumber == mobile).Take(2).ToListAsync();
        return byPhone.Count == 1 ? byPhone[0] : null;
    }

    private static string Hash(string salt, string code) =>
        Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(salt), Encoding.UTF8.GetBytes(code)));
}
