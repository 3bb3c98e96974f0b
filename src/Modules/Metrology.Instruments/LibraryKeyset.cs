using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Metrology.Instruments.Models;

namespace Metrology.Instruments;

/// <summary>
/// Keyset paging of the library: a page is the rows after (or before) a given row in the list's order, found by that
/// row's sort value and <see cref="InstrumentIndex.ContentItemId"/> (the unique last key), so a deep page reads its 20
/// rows off the sort's index like the first, where OFFSET walked every row before it.
/// </summary>
internal static class LibraryKeyset
{
    /// <summary>A sortable column: its key, how to read it in a query and from a loaded row, and whether it may be NULL.</summary>
    internal sealed record Column(string Key, LambdaExpression Selector, Func<InstrumentIndex, object?> Value, bool Nullable);

    private static Column Of<T>(string key, Expression<Func<InstrumentIndex, T>> selector, bool nullable = false)
    {
        var read = selector.Compile();
        return new(key, selector, i => read(i), nullable || System.Nullable.GetUnderlyingType(typeof(T)) is not null);
    }

    public static readonly IReadOnlyDictionary<string, Column> Columns = new[]
    {
        Of("name", i => i.Name), Of("model", i => i.ModelSpec), Of("serial", i => i.SerialNumber), Of("own", i => i.OwnNumber, nullable: true),
        Of("catalog", i => i.CatalogCode, nullable: true), Of("department", i => i.Department, nullable: true), Of("usage", i => i.Usage),
        Of("mandatory", i => i.Mandatory), Of("filing", i => i.FilingStatus), Of("valid", i => i.ValidUntil), Of("created", i => i.CreatedUtc),
    }.ToDictionary(c => c.Key);

    /// <summary>Ordered by the column, then by ContentItemId in the same direction.</summary>
    public static IQueryable<InstrumentIndex> OrderBy(IQueryable<InstrumentIndex> q, Column column, bool descending)
    {
        var ordered = (IOrderedQueryable<InstrumentIndex>)q.Provider.CreateQuery<InstrumentIndex>(Expression.Call(typeof(Queryable),
            descending ? nameof(Queryable.OrderByDescending) : nameof(Queryable.OrderBy), [typeof(InstrumentIndex), column.Selector.ReturnType],
            q.Expression, Expression.Quote(column.Selector)));
        return descending ? ordered.ThenByDescending(i => i.ContentItemId) : ordered.ThenBy(i => i.ContentItemId);
    }

    /// <summary>
    /// The rows after <paramref name="anchor"/> in the order <see cref="OrderBy"/> gives. NULL sorts as the smallest
    /// value on SQLite and as the largest on PostgreSQL (<paramref name="nullsSmallest"/>): the condition follows the
    /// database's order, so a page never repeats or skips a row whatever the column holds.
    /// </summary>
    public static IQueryable<InstrumentIndex> After(IQueryable<InstrumentIndex> q, Column column, bool descending, InstrumentIndex anchor, bool nullsSmallest)
    {
        var row = column.Selector.Parameters[0];
        var value = column.Value(anchor);
        var col = column.Selector.Body;
        var id = Expression.Property(row, nameof(InstrumentIndex.ContentItemId));
        var beyond = descending ? Less(col, value, column.Nullable, nullsSmallest) : Greater(col, value, column.Nullable, nullsSmallest);
        var sameThenId = Expression.AndAlso(Same(col, value), Compare(id, anchor.ContentItemId, descending ? ExpressionType.LessThan : ExpressionType.GreaterThan));
        Expression body = Expression.OrElse(beyond, sameThenId);
        // The same condition as a range the sort's index can seek to (a column that is never NULL, not a flag: only > and < come to those).
        if (!column.Nullable && col.Type != typeof(bool))
            body = Expression.AndAlso(Compare(col, value!, descending ? ExpressionType.LessThanOrEqual : ExpressionType.GreaterThanOrEqual), body);
        return q.Where(Expression.Lambda<Func<InstrumentIndex, bool>>(body, row));
    }

    // Beyond a value in ascending order: greater, with NULL below every value (SQLite) or above (PostgreSQL). SQL's
    // comparisons leave NULL out, so where NULL is on the far side it is asked for apart.
    private static Expression Greater(Expression col, object? value, bool nullable, bool nullsSmallest) => value is null
        ? nullsSmallest ? NotNull(col) : False
        : nullable && !nullsSmallest ? Expression.OrElse(Compare(col, value, ExpressionType.GreaterThan), IsNull(col)) : Compare(col, value, ExpressionType.GreaterThan);

    private static Expression Less(Expression col, object? value, bool nullable, bool nullsSmallest) => value is null
        ? nullsSmallest ? False : NotNull(col)
        : nullable && nullsSmallest ? Expression.OrElse(Compare(col, value, ExpressionType.LessThan), IsNull(col)) : Compare(col, value, ExpressionType.LessThan);

    private static Expression Same(Expression col, object? value) => value is null ? IsNull(col) : Expression.Equal(col, Parameter(value, col.Type));

    /// <summary>col (op) value for a non-NULL value: strings by string.Compare (SQL's &lt; and &gt;), flags as false &lt; true, an enum by its number.</summary>
    private static Expression Compare(Expression col, object value, ExpressionType op)
    {
        if (col.Type == typeof(string))
            return Expression.MakeBinary(op, Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, col, Parameter(value, typeof(string))), Expression.Constant(0));
        if (col.Type == typeof(bool))
        {
            var v = (bool)value;
            return op == ExpressionType.GreaterThan
                ? v ? False : Expression.Equal(col, Expression.Constant(true))
                : v ? Expression.Equal(col, Expression.Constant(false)) : False;
        }
        if (col.Type.IsEnum)
            return Expression.MakeBinary(op, Expression.Convert(col, typeof(int)), Expression.Convert(Parameter(value, col.Type), typeof(int)));
        return Expression.MakeBinary(op, col, Parameter(value, col.Type));
    }

    private static readonly Expression False = Expression.Constant(false);

    private static Expression IsNull(Expression col) => Expression.Equal(col, Expression.Constant(null, col.Type));

    private static Expression NotNull(Expression col) => Expression.NotEqual(col, Expression.Constant(null, col.Type));

    /// <summary>
    /// The value as a captured variable of its own type (what a C# closure is), which EF Core sends as a parameter (a constant
    /// would be a new query plan per page) and reads straight off the field (a converted value had to be evaluated apart).
    /// </summary>
    private static Expression Parameter(object value, Type type)
    {
        var box = Activator.CreateInstance(typeof(StrongBox<>).MakeGenericType(type), value)!;
        return Expression.Field(Expression.Constant(box), nameof(StrongBox<object>.Value));
    }
}
