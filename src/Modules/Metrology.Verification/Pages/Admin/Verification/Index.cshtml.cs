using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Verification.Pages.Admin.Verification;

/// <summary>A lab's queue (检定任务): open tasks of the staff member's institution, by due date, overdue marked; the lab defaults to the staff member's own.</summary>
[Permission("ViewVerificationTasks")]
public sealed class IndexModel(SignOff signOff, IReferenceData reference, IEnterpriseDirectory enterprises, TimeProvider clock) : PageModel
{
    /// <summary>The lab's discipline; "" = labs without one, "all" = every lab.</summary>
    [BindProperty(SupportsGet = true)] public string? Lab { get; set; }
    [BindProperty(SupportsGet = true)] public TaskState? State { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<VerificationTask> Rows { get; private set; } = [];
    public IReadOnlyDictionary<int, EnterpriseInfo> Owners { get; private set; } = new Dictionary<int, EnterpriseInfo>();
    public IReadOnlyList<(string Value, string Name)> Labs { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public bool Unassigned { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = await StaffScope.OfAsync(reference, User, ct);
        Unassigned = scope.None;
        Today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var departments = scope.InstitutionId is int own ? await reference.DepartmentsAsync(own, ct) : [];
        Labs = departments.Where(d => d.Discipline is not null).Select(d => (d.Discipline!, d.Name)).Distinct().Prepend(("", "检定室（未分专业）")).Prepend(("all", "全部")).ToList();
        if (Lab is null)
        {
            var mine = (await reference.DepartmentsOfAsync(User, ct)).FirstOrDefault(d => d.Discipline is not null);
            Lab = mine?.Discipline ?? "all";
        }
        var discipline = Lab == "all" ? null : Lab;
        var total = (await signOff.QueueAsync(scope, discipline, State, 0, 0, ct)).Total;
        Pager = new Pager(PageNumber, 30, total, p => Url.Page("Index", new { lab = Lab, state = State, p })!);
        Rows = (await signOff.QueueAsync(scope, discipline, State, Pager.Skip, Pager.PageSize, ct)).Rows;
        Owners = await enterprises.FindManyAsync(Rows.Select(r => r.EnterpriseId).Distinct(), ct);
    }
}
