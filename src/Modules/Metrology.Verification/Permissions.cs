using Metrology.Core.Security;

namespace Metrology.Verification;

/// <summary>
/// Reception and verification (ADR 0016). Each is limited to the staff member's institution; the counter's reception point comes from
/// the staff member's department (see <see cref="ReceptionPoint.Department"/>).
/// </summary>
public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ReceiveInstruments = new("ReceiveInstruments", "收件（接收登记）、登记费用与缴费、用户取回仪器（本机构本接收点）", "检定");
    public static readonly Permission AssignVerification = new("AssignVerification", "查看本机构检定室任务，指派检定员（室主任）", "检定");
    public static readonly Permission RecordVerification = new("RecordVerification", "检定：填写检定记录并提交核验", "检定");
    public static readonly Permission CheckVerification = new("CheckVerification", "核验他人的检定记录，或退回", "检定");
    public static readonly Permission ApproveVerification = new("ApproveVerification", "批准他人检定、核验的结果，或退回", "检定");

    /// <summary>The lab queue and the task pages: held by whoever assigns, records, checks or approves.</summary>
    public static readonly Permission ViewTasks = new("ViewVerificationTasks", "查看本机构的检定任务", "检定", AssignVerification, RecordVerification, CheckVerification, ApproveVerification);

    public IEnumerable<Permission> GetPermissions() => [ReceiveInstruments, ViewTasks, AssignVerification, RecordVerification, CheckVerification, ApproveVerification];
}
