using System.Security.Cryptography;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Enterprises.Models;
using Metrology.Core.Notifications;
using Metrology.Core.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Enterprises;

/// <summary>What a registration form gives, after its files have been checked.</summary>
public sealed record RegistrationForm(
    string Name, string CreditCode, EnterpriseKind Kind, string? LegalRepresentative, string? Address, string? RegionCode,
    string ContactName, string ContactMobile, string? Email, IReadOnlyList<string> Departments, string? Password,
    IReadOnlyList<(DocumentKind Kind, string FileName, byte[] Content)> Documents);

/// <summary>
/// Registration and its review: the enterprise, its documents and its (disabled) account are written in
/// one transaction; approval enables the account and queues the SMS in the same transaction as the change.
/// </summary>
public sealed class Registration(TenantDbContext db, UserManager<User> users, DocumentStore documents, INotificationSender outbox, IWorkflowEvents workflows, TimeProvider clock)
{
    /// <summary>The domain events of registration, for workflows (review notices, follow-ups).</summary>
    public const string SubmittedEvent = "RegistrationSubmitted", ApprovedEvent = "RegistrationApproved", ReturnedEvent = "RegistrationReturned";

    public Task<RegistrationSettings> SettingsAsync(CancellationToken ct = default) => documents.GetAsync<RegistrationSettings>(ct);

    /// <summary>The documents a form must carry under the tenant's settings, as (kinds of which one is enough).</summary>
    public static IReadOnlyList<DocumentKind[]> RequiredDocuments(RegistrationSettings settings) =>
    [
        [DocumentKind.Licence],
        // The legal representative's ID (both sides) or a stamped authorisation letter (seed 004 §2).
        [DocumentKind.IdFront, DocumentKind.AuthorisationLetter],
        [DocumentKind.CommitmentLetter],
        .. settings.RequireApplicationForm ? new[] { new[] { DocumentKind.ApplicationForm } } : [],
    ];

    /// <summary>Problems of the form by field name (Input.X or Documents), nothing written when there are any.</summary>
    public async Task<List<(string Field, string Message)>> SubmitAsync(RegistrationForm form, CancellationToken ct = default)
    {
        var settings = await SettingsAsync(ct);
        var errors = new List<(string, string)>();
        var code = CreditCode.Normalize(form.CreditCode);
        if (CreditCode.Problem(code) is { } problem) errors.Add(("Input.CreditCode", problem));
        else if (await db.Set<Enterprise>().AnyAsync(e => e.CreditCode == code && e.Status != EnterpriseStatus.Returned, ct)) errors.Add(("Input.CreditCode", "该统一社会信用代码已注册，请直接登录；忘记密码可通过短信找回。"));
        var mobile = form.ContactMobile.Trim();
        if (!System.Text.RegularExpressions.Regex.IsMatch(mobile, @"^1[3-9]\d{9}$")) errors.Add(("Input.ContactMobile", "请输入 11 位手机号码，它将作为登录账号。"));
        else if (await db.Set<Enterprise>().AnyAsync(e => e.ContactMobile == mobile && e.Status != EnterpriseStatus.Returned, ct) || await users.FindByNameAsync(mobile) is not null)
            errors.Add(("Input.ContactMobile", "该手机号已注册，请直接登录，或换一个手机号。"));
        foreach (var d in form.Departments.Where(d => d.Length > 8)) errors.Add(("Input.Departments", $"部门名称「{d}」超过 8 个字，请缩短。"));
        foreach (var group in RequiredDocuments(settings).Where(g => !g.Any(k => form.Documents.Any(d => d.Kind == k))))
            errors.Add(($"Documents[{group[0]}]", $"请上传{string.Join("或", group.Select(k => DocumentKinds.Label(k, form.Kind)))}。"));
        if (form.Documents.Any(d => d.Kind == DocumentKind.IdFront) != form.Documents.Any(d => d.Kind == DocumentKind.IdBack)
            && !form.Documents.Any(d => d.Kind == DocumentKind.AuthorisationLetter))
            errors.Add(($"Documents[{DocumentKind.IdBack}]", "身份证需上传正、反两面。"));
        User? user = null;
        if (errors.Count == 0)
        {
            user = new User { UserName = mobile, PhoneNumber = mobile, Email = form.Email, DisplayName = form.Name.Trim(), IsEnabled = false, CreatedUtc = clock.GetUtcNow().UtcDateTime };
            // Chongqing's account gets its initial password on approval; until then it has none that anyone knows.
            var password = settings.PasswordAtRegistration ? form.Password ?? "" : RandomPassword();
            foreach (var e in (await Task.WhenAll(users.PasswordValidators.Select(v => v.ValidateAsync(users, user, password))))
                         .Where(r => !r.Succeeded).SelectMany(r => r.Errors))
                errors.Add(("Input.Password", e.Description));
            if (errors.Count == 0) user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        }
        if (errors.Count > 0) return errors;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user!);
        if (!created.Succeeded) return created.Errors.Select(e => ("Input.ContactMobile", e.Description)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var enterprise = new Enterprise
        {
            Name = form.Name.Trim(), CreditCode = code, Kind = form.Kind, LegalRepresentative = form.LegalRepresentative?.Trim(),
            Address = form.Address?.Trim(), RegionCode = form.RegionCode?.Trim(), ContactName = form.ContactName.Trim(), ContactMobile = mobile,
            Email = form.Email?.Trim(), Departments = string.Join('\n', form.Departments), Status = EnterpriseStatus.Pending, UserId = user!.Id, CreatedUtc = now,
        };
        db.Add(enterprise);
        await db.SaveChangesAsync(ct);
        foreach (var (kind, fileName, content) in form.Documents)
            db.Add(new EnterpriseDocument { EnterpriseId = enterprise.Id, Kind = kind, FileName = fileName, ContentType = Core.Web.UploadCheck.ContentType(fileName), Content = content, UploadedUtc = now });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await workflows.TriggerAsync(SubmittedEvent, Payload(enterprise), $"enterprise:{enterprise.Id}", ct);
        return [];
    }

    /// <summary>Enables the account and tells the enterprise by SMS (with the initial password where the tenant sends one).</summary>
    public async Task<bool> ApproveAsync(int enterpriseId, string reviewer, CancellationToken ct = default)
    {
        var enterprise = await db.Set<Enterprise>().FirstOrDefaultAsync(e => e.Id == enterpriseId && e.Status == EnterpriseStatus.Pending, ct);
        if (enterprise?.UserId is null || await users.FindByIdAsync(enterprise.UserId) is not { } user) return false;
        var settings = await SettingsAsync(ct);
        string? initial = null;
        if (!settings.PasswordAtRegistration)
        {
            initial = RandomNumberGenerator.GetInt32(10000, 100000).ToString();
            user.PasswordHash = users.PasswordHasher.HashPassword(user, initial);
            user.MustChangePassword = true;
        }
        user.IsEnabled = true;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await users.UpdateAsync(user);
        await users.AddToRoleAsync(user, "企业用户");
        (enterprise.Status, enterprise.ReviewedBy, enterprise.ReviewedUtc, enterprise.ReturnReason) = (EnterpriseStatus.Active, reviewer, clock.GetUtcNow().UtcDateTime, null);
        await outbox.QueueTemplateAsync(NotificationKinds.RegistrationApproved, NotificationChannel.Sms, enterprise.ContactMobile,
            new { enterprise = new { name = enterprise.Name }, loginName = enterprise.ContactMobile, initialPassword = initial }, correlationId: $"enterprise:{enterprise.Id}", ct: ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await workflows.TriggerAsync(ApprovedEvent, Payload(enterprise), $"enterprise:{enterprise.Id}", ct);
        return true;
    }

    /// <summary>Returns the registration with a reason the enterprise is told by SMS; it may register again.</summary>
    public async Task<bool> ReturnAsync(int enterpriseId, string reason, string reviewer, CancellationToken ct = default)
    {
        var enterprise = await db.Set<Enterprise>().FirstOrDefaultAsync(e => e.Id == enterpriseId && e.Status == EnterpriseStatus.Pending, ct);
        if (enterprise is null) return false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // A returned record keeps its data; its credit code and mobile (unique among the others) and its
        // never-used account are free again for the corrected registration.
        (enterprise.Status, enterprise.ReviewedBy, enterprise.ReviewedUtc, enterprise.ReturnReason) = (EnterpriseStatus.Returned, reviewer, clock.GetUtcNow().UtcDateTime, reason.Trim());
        if (enterprise.UserId is not null && await users.FindByIdAsync(enterprise.UserId) is { } user) await users.DeleteAsync(user);
        enterprise.UserId = null;
        await outbox.QueueTemplateAsync(NotificationKinds.RegistrationReturned, NotificationChannel.Sms, enterprise.ContactMobile,
            new { enterprise = new { name = enterprise.Name }, reason = enterprise.ReturnReason }, correlationId: $"enterprise:{enterprise.Id}", ct: ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await workflows.TriggerAsync(ReturnedEvent, Payload(enterprise), $"enterprise:{enterprise.Id}", ct);
        return true;
    }

    /// <summary>Disables (or enables again) an approved enterprise's account; the user loses access at once.</summary>
    public async Task<bool> SetEnabledAsync(int enterpriseId, bool enabled, CancellationToken ct = default)
    {
        var enterprise = await db.Set<Enterprise>().FirstOrDefaultAsync(e => e.Id == enterpriseId
            && e.Status == (enabled ? EnterpriseStatus.Disabled : EnterpriseStatus.Active), ct);
        if (enterprise?.UserId is null || await users.FindByIdAsync(enterprise.UserId) is not { } user) return false;
        enterprise.Status = enabled ? EnterpriseStatus.Active : EnterpriseStatus.Disabled;
        user.IsEnabled = enabled;
        await users.UpdateAsync(user); // saves the enterprise with it
        await users.UpdateSecurityStampAsync(user);
        return true;
    }

    private static object Payload(Enterprise e) => new
    {
        EnterpriseId = e.Id, e.Name, e.CreditCode, e.ContactName, e.ContactMobile, Status = e.Status.ToString(), e.ReturnReason,
        Url = $"/admin/enterprises/{e.Id}",
    };

    private static string RandomPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)) + "aA1!";
}
