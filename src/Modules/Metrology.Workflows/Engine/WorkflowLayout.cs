using Metrology.Workflows.Models;

namespace Metrology.Workflows.Engine;

/// <summary>
/// "自动排列": rows by the longest path from a start activity (a loop back does not push a row down), the activities
/// of a row side by side in the order their predecessors were placed; unreachable ones in a last row.
/// </summary>
public static class WorkflowLayout
{
    public const int ColumnWidth = 200;
    public const int RowHeight = 120;

    public static void Arrange(WorkflowDefinition d)
    {
        var depth = new Dictionary<string, int>();
        var queue = new Queue<string>();
        foreach (var a in d.Activities.Where(a => a.IsStart))
        {
            depth[a.Id] = 0;
            queue.Enqueue(a.Id);
        }
        var order = new List<string>();
        while (queue.TryDequeue(out var id))
        {
            if (!order.Contains(id)) order.Add(id);
            foreach (var t in d.Transitions.Where(t => t.From == id && d.Find(t.To) is not null))
            {
                // Only forward: an activity seen already keeps its row, which ends loops.
                if (depth.ContainsKey(t.To)) continue;
                depth[t.To] = depth[id] + 1;
                queue.Enqueue(t.To);
            }
        }
        var last = depth.Count == 0 ? 0 : depth.Values.Max() + 1;
        foreach (var a in d.Activities.Where(a => !depth.ContainsKey(a.Id)))
        {
            depth[a.Id] = last;
            order.Add(a.Id);
        }
        foreach (var row in order.GroupBy(id => depth[id]))
        {
            var column = 0;
            foreach (var id in row)
            {
                var a = d.Find(id)!;
                (a.X, a.Y) = (40 + ColumnWidth * column++, 40 + RowHeight * row.Key);
            }
        }
    }
}
