namespace Metrology.Verification.Models;

/// <summary>Where a received instrument stands in 检定 → 核验 → 批准.</summary>
public enum TaskState
{
    /// <summary>待检定: received (or returned), waits for the verifier's record.</summary>
    Waiting = 0,

    /// <summary>待核验: the verifier submitted the record.</summary>
    Submitted = 1,

    /// <summary>待批准: a second person checked it.</summary>
    Checked = 2,

    /// <summary>已批准: a third person approved it; the record no longer changes.</summary>
    Approved = 3,
}

/// <summary>
/// One received instrument of an appointment (接收登记) and its verification record: the receipt (point, time, person), the lab
/// (discipline) and due date, the verifier's record, the sign-off and the hand-back. Its id is the approved result's id.
/// </summary>
public sealed class VerificationTask
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");
    public string AppointmentId { get; set; } = "";
    public string AppointmentNumber { get; set; } = "";
    public AppointmentKind AppointmentKind { get; set; }
    public string InstrumentId { get; set; } = "";
    public int EnterpriseId { get; set; }
    public int InstitutionId { get; set; }

    /// <summary>The lab's discipline (DepartmentEntry.Discipline) from the catalog item, or null for the institution's general lab.</summary>
    public string? Discipline { get; set; }

    public string InstrumentName { get; set; } = "";
    public string ModelSpec { get; set; } = "";
    public string SerialNumber { get; set; } = "";
    public string? OwnNumber { get; set; }
    public string? CatalogCode { get; set; }
    public string? Manufacturer { get; set; }

    // 接收登记
    public string ReceptionPoint { get; set; } = "";
    public DateTime ReceivedUtc { get; set; }
    public string ReceivedBy { get; set; } = "";

    /// <summary>规定时间: the received day plus the institution's turnaround (working days) for the discipline.</summary>
    public DateOnly DueDate { get; set; }

    public TaskState State { get; set; }

    /// <summary>True until approved: the lab queues read (InstitutionId, Open, DueDate).</summary>
    public bool Open { get; set; } = true;

    /// <summary>The verifier the lab assigned (user name), or null: whoever records it first takes it.</summary>
    public string? AssignedTo { get; set; }

    // 检定记录
    public DateOnly? VerifiedOn { get; set; }
    public string? Regulation { get; set; }
    public string? Standards { get; set; }
    public string? Temperature { get; set; }
    public string? Humidity { get; set; }
    public VerificationConclusion? Conclusion { get; set; }
    public string? AccuracyClass { get; set; }
    public string? FailedItems { get; set; }
    public DateOnly? ValidUntil { get; set; }

    // 检定 → 核验 → 批准
    public string? Verifier { get; set; }
    public DateTime? SubmittedUtc { get; set; }
    public string? Checker { get; set; }
    public DateTime? CheckedUtc { get; set; }
    public string? Approver { get; set; }
    public DateTime? ApprovedUtc { get; set; }
    public string? ReturnReason { get; set; }

    /// <summary>Set at approval: the appointment had unpaid fees, so the electronic certificate waits for payment.</summary>
    public bool WaitsForFees { get; set; }

    // 用户取回仪器
    public DateTime? CollectedUtc { get; set; }
    public string? CollectedBy { get; set; }
    public string? HandedOverBy { get; set; }

    /// <summary>When the due-soon and overdue events were raised (claimed once by a conditional update).</summary>
    public DateTime? DueSoonRaisedUtc { get; set; }
    public DateTime? OverdueRaisedUtc { get; set; }

    /// <summary>Optimistic concurrency: two sign-offs at once, the second is refused.</summary>
    public string Stamp { get; set; } = Guid.NewGuid().ToString("N");
}

/// <summary>One recorded step of a task (接收, 指派, 提交核验, 核验通过, 批准, 退回, 取回), who and when.</summary>
public sealed class VerificationStep
{
    public int Id { get; set; }
    public string TaskId { get; set; } = "";
    public DateTime Utc { get; set; }
    public string By { get; set; } = "";
    public string Action { get; set; } = "";
    public string? Note { get; set; }
}

/// <summary>A repair or other fee on an appointment (seed 000 step 9 note): the electronic certificate waits until it is paid.</summary>
public sealed class AppointmentFee
{
    public int Id { get; set; }
    public string AppointmentId { get; set; } = "";
    public int EnterpriseId { get; set; }
    public int InstitutionId { get; set; }
    public string Item { get; set; } = "";
    /// <summary>In fen (分): exact on every provider.</summary>
    public long AmountCents { get; set; }

    public decimal Amount => AmountCents / 100m;
    public DateTime RecordedUtc { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime? PaidUtc { get; set; }
    public string? PaidBy { get; set; }
}
