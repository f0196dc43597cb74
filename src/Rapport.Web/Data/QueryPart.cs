using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Query;

namespace Rapport.Web.Data;

/// <summary>
/// A piece of a query written by the feature that owns its tables (for example "has a safety plan", written by Safety),
/// that a feature above puts inside its own query with <c>part.Use(db, …)</c> and <see cref="Splice{T1,T2,TResult}"/>.
/// The page that shows several features' facts (the patient's home) still reads them in one round trip, which on the
/// embedded database matters (docs/performance.md), and yet it reads no other feature's table itself: each owner
/// decides what its part reads (docs/architecture.md, "Layers").
/// </summary>
public static class QueryPart
{
    /// <summary>Stands for the part's body inside a query; <see cref="Splice{T1,T2,TResult}"/> replaces the call.</summary>
    public static TResult Use<TA, TResult>(this Expression<Func<AppDbContext, TA, TResult>> part, AppDbContext db, TA a) =>
        throw NotSpliced();

    /// <inheritdoc cref="Use{TA,TResult}"/>
    public static TResult Use<TA, TB, TResult>(this Expression<Func<AppDbContext, TA, TB, TResult>> part, AppDbContext db, TA a, TB b) =>
        throw NotSpliced();

    /// <inheritdoc cref="Use{TA,TResult}"/>
    public static TResult Use<TA, TB, TC, TResult>(this Expression<Func<AppDbContext, TA, TB, TC, TResult>> part, AppDbContext db, TA a, TB b, TC c) =>
        throw NotSpliced();

    /// <summary>The query with every <c>Use</c> replaced by the part's body, its parameters by the arguments given.</summary>
    public static Expression<Func<T1, T2, TResult>> Splice<T1, T2, TResult>(Expression<Func<T1, T2, TResult>> query) =>
        (Expression<Func<T1, T2, TResult>>)new Splicer().Visit(query);

    /// <inheritdoc cref="Splice{T1,T2,TResult}"/>
    public static Expression<Func<T1, T2, T3, TResult>> Splice<T1, T2, T3, TResult>(Expression<Func<T1, T2, T3, TResult>> query) =>
        (Expression<Func<T1, T2, T3, TResult>>)new Splicer().Visit(query);

    /// <inheritdoc cref="Splice{T1,T2,TResult}"/>
    public static Expression<Func<T1, T2, T3, T4, TResult>> Splice<T1, T2, T3, T4, TResult>(Expression<Func<T1, T2, T3, T4, TResult>> query) =>
        (Expression<Func<T1, T2, T3, T4, TResult>>)new Splicer().Visit(query);

    /// <inheritdoc cref="Splice{T1,T2,TResult}"/>
    public static Expression<Func<T1, T2, T3, T4, T5, TResult>> Splice<T1, T2, T3, T4, T5, TResult>(
        Expression<Func<T1, T2, T3, T4, T5, TResult>> query) =>
        (Expression<Func<T1, T2, T3, T4, T5, TResult>>)new Splicer().Visit(query);

    /// <inheritdoc cref="Splice{T1,T2,TResult}"/>
    public static Expression<Func<T1, T2, T3, T4, T5, T6, TResult>> Splice<T1, T2, T3, T4, T5, T6, TResult>(
        Expression<Func<T1, T2, T3, T4, T5, T6, TResult>> query) =>
        (Expression<Func<T1, T2, T3, T4, T5, T6, TResult>>)new Splicer().Visit(query);

    private static InvalidOperationException NotSpliced() =>
        new("A query part runs only inside a query passed through QueryPart.Splice.");

    private sealed class Splicer : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(QueryPart) || node.Method.Name != nameof(Use))
            {
                return base.VisitMethodCall(node);
            }
            // The part is a static readonly field of its owner, read once while the query is compiled; anything else (a
            // local, an instance field) could change later, unseen by the query already compiled, so it is refused.
            var part = node.Arguments[0] is MemberExpression { Expression: null, Member: FieldInfo { IsStatic: true, IsInitOnly: true } field }
                ? (LambdaExpression)field.GetValue(null)!
                : throw new InvalidOperationException($"A query part must be a static readonly field of its owner, not {node.Arguments[0]}.");
            var arguments = node.Arguments.Skip(1).Select(Visit).ToList();
            var body = new ReplacingExpressionVisitor([.. part.Parameters], arguments!).Visit(part.Body);
            // A part may use other parts.
            return Visit(body);
        }
    }
}
