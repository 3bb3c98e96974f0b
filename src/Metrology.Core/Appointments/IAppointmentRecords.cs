namespace Metrology.Core.Appointments;

/// <summary>One instrument of an appointment as it was booked.</summary>
public sealed record AppointmentLineInfo(string InstrumentId, string Name, string ModelSpec, string SerialNumber, string? OwnNumber, string? CatalogCode);

/// <summary>An appointment (约检单) as the process modules after booking (reception, verification) see it.</summary>
public sealed record AppointmentInfo(string Id, string Number, AppointmentKind Kind, AppointmentState State, int EnterpriseId, int InstitutionId,
    string? DeliveryNumber, string? Discipline, DateOnly? ConfirmedDate, string? TimeWindow, string? Address, string? ContactName, string? ContactPhone,
    IReadOnlyList<AppointmentLineInfo> Lines);

/// <summary>The appointments as the counter and the labs use them (implemented by the Appointments feature).</summary>
public interface IAppointmentRecords
{
    Task<AppointmentInfo?> GetAsync(string id, CancellationToken ct = default);

    /// <summary>
    /// What the counter finds for what was typed or scanned: a 5-digit delivery number (open appointments), an appointment
    /// number (the slip's code, "YJ…"), a serial number, or part of the enterprise's name — confirmed, received or completed
    /// appointments of <paramref name="institutionId"/> (all institutions when null), newest first, at most <paramref name="take"/>.
    /// </summary>
    Task<IReadOnlyList<AppointmentInfo>> FindForCounterAsync(int? institutionId, string query, int take, CancellationToken ct = default);

    /// <summary>How many confirmed appointments of <paramref name="institutionId"/> (all when null) the counter has yet to receive: the counter's 待接收.</summary>
    Task<int> CountAwaitingReceptionAsync(int? institutionId, CancellationToken ct = default);

    /// <summary>The open (confirmed) appointment that holds the instrument, or null: what the counter checks before it receives one.</summary>
    Task<AppointmentInfo?> OpenForInstrumentAsync(string instrumentId, CancellationToken ct = default);

    /// <summary>
    /// Ids of the instruments that are booked: in an open appointment (draft, waiting or confirmed) or in one the counter has
    /// received and not completed. Composes into the caller's query as a sub-query (the reminders leave these out).
    /// </summary>
    IQueryable<string> BookedInstrumentIds();

    /// <summary>
    /// 接收: marks a confirmed appointment received in the caller's unit of work (saved with the caller's own save); its
    /// instruments are no longer held by it. An appointment already received stays so (the rest of its lines may come on
    /// another day). Returns the reason when it cannot be received (a draft, waiting, declined, cancelled or completed one).
    /// </summary>
    Task<string?> MarkReceivedAsync(string id, string? userName, CancellationToken ct = default);

    /// <summary>已完成: every received instrument verified and (for a delivery) collected; in the caller's unit of work.</summary>
    Task MarkCompletedAsync(string id, string? userName, CancellationToken ct = default);
}
