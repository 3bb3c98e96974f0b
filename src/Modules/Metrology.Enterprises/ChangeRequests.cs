using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Enterprises.Models;
using Metrology.Core.Notifications;
using Metrology.Core.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Enterprises;

/// <summary>资料变更: submitted by the enterprise with documents, decided by the institute, applied on approval with the old values kept.</summary>
public sealed class ChangeRequests(TenantDbContext db, UserManager<User> users, INotificationSender outbox, IWorkflowEvents workflows, TimeProvider clock)
{
    public const string SubmittedEvent = "ChangeRequestSubmitted";

    /// <summary>The documents each kind needs (seed 004 FAQ 3).</summary>
    public static IReadOnlyList<DocumentKind> RequiredDocuments(ChangeKind kind) =>
        kind == ChangeKind.Contact ? [DocumentKind.Licence, DocumentKind.AuthorisationLetter] : [DocumentKind.Licence];

    public Task<List<ChangeRequest>> OfAsync(int enterpriseId, CancellationToken ct = default) =>
        db.Set<ChangeRequest>().AsNoTracking().Where(c => c.EnterpriseId == enterpriseId).OrderByDescending(c => c.Id).ToListAsync(ct);

    public async Task<List<(string Field, string Message)>> SubmitAsync(Enterprise enterprise, ChangeRequest request,
        IReadOnlyList<(DocumentKind Kind, string FileName, byte[] Content)> documents, CancellationToken ct = default)
    {
        var errors = new List<(string, string)>();
        if (await db.Set<ChangeRequest>().AnyAsync(c => c.EnterpriseId == enterprise.Id && c.Status == ChangeStatus.Pending, ct))
            errors.Add((string.Empty, "已有一项资料变更正在审核中，请等待审核结果后再提交。"));
        if (request.Kind == ChangeKind.NameOrLegalPerson)
        {
            if (string.IsNullOrWhiteSpace(request.NewName) && string.IsNullOrWhiteSpace(request.NewLegalRepresentative))
                errors.Add(("Input.NewName", "请填写新的单位名称或法定代表人。"));
            if (request.NewName?.Trim().Length > 100) errors.Add(("Input.NewName", "单位名称不能超过 100 个字。"));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.NewContactName)) errors.Add(("Input.NewContactName", "请填写新的联系人。"));
            var mobile = request.NewContactMobile?.Trim() ?? "";
            if (!System.Text.RegularExpressions.Regex.IsMatch(mobile, @"^1[3-9]\d{9}$")) errors.Add(("Input.NewContactMobile", "请输入 11 位手机号码，它将作为新的登录账号。"));
            else if (mobile != enterprise.ContactMobile && (await users.FindByNameAsync(mobile) is not null
                     || await db.Set<Enterprise>().AnyAsync(e => e.ContactMobile == mobile && e.Status != EnterpriseStatus.Returned, ct)))
                errors.Add(("Input.NewContactMobile", "该手机号已被其他账号使用。"));
        }
        foreach (var missing in RequiredDocuments(request.Kind).Where(k => documents.All(d => d.Kind != k)))
            errors.Add(($"Documents[{missing}]", $"请上传{DocumentKinds.Label(missing, enterprise.Kind)}。"));
        if (errors.Count > 0) return errors;

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Only what the enterprise may ask for is taken from the form; the rest is the institute's.
        var kind = request.Kind == ChangeKind.Contact ? ChangeKind.Contact : ChangeKind.NameOrLegalPerson;
        request = new ChangeRequest
        {
            EnterpriseId = enterprise.Id, Kind = kind, Status = ChangeStatus.Pending, CreatedUtc = now,
            NewName = kind == ChangeKind.NameOrLegalPerson ? Blank(request.NewName) : null,
            NewLegalRepresentative = kind == ChangeKind.NameOrLegalPerson ? Blank(request.NewLegalRepresentative) : null,
            NewContactName = kind == ChangeKind.Contact ? Blank(request.NewContactName) : null,
            NewContactMobile = kind == ChangeKind.Contact ? Blank(request.NewContactMobile) : null,
        };
        db.Add(request);
        await db.SaveChangesAsync(ct);
        foreach (var (documentKind, fileName, content) in documents)
            db.Add(new EnterpriseDocument { EnterpriseId = enterprise.Id, ChangeRequestId = request.Id, Kind = documentKind, FileName = fileName, ContentType = Core.Web.UploadCheck.ContentType(fileName), Content = content, UploadedUtc = now });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await workflows.TriggerAsync(SubmittedEvent, new { EnterpriseId = enterprise.Id, enterprise.Name, Kind = ChangeLabels.Of(request.Kind), Url = $"/admin/enterprises/{enterprise.Id}" },
            $"enterprise:{enterprise.Id}", ct);
        return [];
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Applies (or rejects with a reason) a pending request; the enterprise is told by SMS in the same transaction.</summary>
    public async Task<bool> DecideAsync(int enterpriseId, int requestId, bool approve, string? reason, string reviewer, CancellationToken ct = default)
    {
        var request = await db.Set<ChangeRequest>().FirstOrDefaultAsync(c => c.Id == requestId && c.EnterpriseId == enterpriseId && c.Status == ChangeStatus.Pending, ct);
        var enterprise = await db.Set<Enterprise>().FirstOrDefaultAsync(e => e.Id == enterpriseId, ct);
        if (request is null || enterprise is null) return false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var notify = enterprise.ContactMobile;
        if (approve)
        {
            var old = new List<string>();
            if (request.NewName is { Length: > 0 } name) { old.Add($"单位名称：{enterprise.Name}"); enterprise.Name = name; }
            if (request.NewLegalRepresentative is { Length: > 0 } legal) { old.Add($"法定代表人：{enterprise.LegalRepresentative}"); enterprise.LegalRepresentative = legal; }
            if (request.Kind == ChangeKind.Contact)
            {
                old.Add($"联系人：{enterprise.ContactName} {enterprise.ContactMobile}");
                (enterprise.ContactName, enterprise.ContactMobile) = (request.NewContactName!, request.NewContactMobile!);
                // The login is the contact's mobile: the account moves with it.
                if (enterprise.UserId is not null && await users.FindByIdAsync(enterprise.UserId) is { } user)
                {
                    user.PhoneNumber = enterprise.ContactMobile;
                    var renamed = await users.SetUserNameAsync(user, enterprise.ContactMobile);
                    if (!renamed.Succeeded) return false;
                    await users.UpdateSecurityStampAsync(user);
                }
                notify = enterprise.ContactMobile;
            }
            request.OldValues = string.Join('\n', old);
        }
        (request.Status, request.Reason, request.ReviewedBy, request.ReviewedUtc) =
            (approve ? ChangeStatus.Approved : ChangeStatus.Rejected, reason?.Trim(), reviewer, clock.GetUtcNow().UtcDateTime);
        await outbox.QueueTemplateAsync(NotificationKinds.ChangeRequestResult, NotificationChannel.Sms, notify,
            new { enterprise = new { name = enterprise.Name }, approved = approve, result = approve ? "已审核通过" : "未通过", reason = request.Reason, loginName = enterprise.ContactMobile },
            correlationId: $"enterprise:{enterprise.Id}", ct: ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
