namespace Metrology.Workflows.Models;

/// <summary>A workflow type: what staff name, enable and edit. Its graph lives in its versions.</summary>
public sealed class WorkflowType
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public bool Enabled { get; set; }

    /// <summary>At most one running or halted instance per correlation id.</summary>
    public bool IsSingleton { get; set; }

    /// <summary>The version new instances start on.</summary>
    public int CurrentVersionId { get; set; }

    /// <summary>The designer's unsaved graph; saving validates it and makes it a new version.</summary>
    public string? DraftJson { get; set; }

    /// <summary>The graphs before the draft's last changes, newest last (a JSON array of graphs; at most <c>WorkflowTypeService.UndoDepth</c>).</summary>
    public string? UndoJson { get; set; }

    public DateTime ModifiedUtc { get; set; }
}

/// <summary>One saved graph of a type. Never changed after it is written: instances run on it.</summary>
public sealed class WorkflowTypeVersion
{
    public int Id { get; set; }
    public string WorkflowTypeId { get; set; } = "";
    public int Number { get; set; }
    public string Json { get; set; } = "{}";
    public DateTime CreatedUtc { get; set; }
}

public enum WorkflowStatus
{
    Running = 0,
    Halted = 1,
    Finished = 2,
    Faulted = 3,
    Aborted = 4,
}

public sealed class WorkflowInstance
{
    public int Id { get; set; }
    public string InstanceId { get; set; } = "";
    public string WorkflowTypeId { get; set; } = "";
    public int TypeVersionId { get; set; }
    public WorkflowStatus Status { get; set; }
    public string? CorrelationId { get; set; }

    /// <summary>Type id and correlation id while a singleton type's instance is not done; unique, so a second cannot start.</summary>
    public string? SingletonKey { get; set; }

    public string StateJson { get; set; } = "{}";
    public string? Error { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ModifiedUtc { get; set; }
    public DateTime? FinishedUtc { get; set; }

    /// <summary>The lease: who runs the instance now and until when (see <see cref="Engine.InstanceLock"/>).</summary>
    public string? LockOwner { get; set; }

    public DateTime? LockedUntilUtc { get; set; }
}

/// <summary>An activity an instance waits on: the index that makes resuming a look-up.</summary>
public sealed class WorkflowBlock
{
    public int Id { get; set; }
    public int InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public string EventName { get; set; } = "";
    public string? CorrelationId { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>A start activity of the current version of an enabled type: the index that makes starting a look-up.</summary>
public sealed class WorkflowStart
{
    public int Id { get; set; }
    public string WorkflowTypeId { get; set; } = "";
    public int TypeVersionId { get; set; }
    public string ActivityId { get; set; } = "";
    public string EventName { get; set; } = "";

    /// <summary>Narrows the event (a content type); null matches every one.</summary>
    public string? Filter { get; set; }
}

/// <summary>A due time: a timer start of a type (InstanceId null) or a timer an instance waits on.</summary>
public sealed class WorkflowTimer
{
    public int Id { get; set; }
    public string WorkflowTypeId { get; set; } = "";
    public int TypeVersionId { get; set; }
    public int? InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public string Cron { get; set; } = "";
    public DateTime DueUtc { get; set; }
}

/// <summary>One activity run of an instance, with its outcome.</summary>
public sealed class WorkflowLogEntry
{
    public int Id { get; set; }
    public int InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public string ActivityName { get; set; } = "";
    public string? Outcome { get; set; }
    public string? Message { get; set; }
    public string? UserName { get; set; }
    public DateTime TimeUtc { get; set; }
}

/// <summary>An in-app message for one user of the back office.</summary>
public sealed class WorkflowMessage
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public string Subject { get; set; } = "";
    public string? Body { get; set; }
    public string? Url { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ReadUtc { get; set; }
}

/// <summary>The module's settings (a tenant document).</summary>
public sealed class WorkflowSettings
{
    /// <summary>Finished, faulted and aborted instances older than this are removed by the retention job.</summary>
    public int RetentionDays { get; set; } = 30;
}
