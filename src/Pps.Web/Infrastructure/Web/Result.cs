namespace Pps.Web.Infrastructure.Web;

public enum ResultStatus
{
    Ok,
    Created,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>The outcome of a use case, turned into an HTTP answer by <see cref="ResultHttp"/>.</summary>
public class Result
{
    protected Result(ResultStatus status, string? detail, IDictionary<string, string[]>? errors)
    {
        Status = status;
        Detail = detail;
        Errors = errors;
    }

    public ResultStatus Status { get; }

    public string? Detail { get; }

    public IDictionary<string, string[]>? Errors { get; }

    public bool IsSuccess => Status is ResultStatus.Ok or ResultStatus.Created;

    public static Result Ok() => new(ResultStatus.Ok, null, null);

    public static Result NotFound(string? detail = null) => new(ResultStatus.NotFound, detail, null);

    public static Result Forbidden(string? detail = null) => new(ResultStatus.Forbidden, detail, null);

    public static Result Conflict(string detail) => new(ResultStatus.Conflict, detail, null);

    public static Result Invalid(string field, string message) => new(ResultStatus.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });

    public static Result Invalid(IDictionary<string, string[]> errors) => new(ResultStatus.Invalid, null, errors);
}

public sealed class Result<T> : Result
{
    private Result(ResultStatus status, T? value, string? detail, IDictionary<string, string[]>? errors)
        : base(status, detail, errors) => Value = value;

    public T? Value { get; }

    public static Result<T> Ok(T value) => new(ResultStatus.Ok, value, null, null);

    public static Result<T> Created(T value) => new(ResultStatus.Created, value, null, null);

    public static new Result<T> NotFound(string? detail = null) => new(ResultStatus.NotFound, default, detail, null);

    public static new Result<T> Forbidden(string? detail = null) => new(ResultStatus.Forbidden, default, detail, null);

    public static new Result<T> Conflict(string detail) => new(ResultStatus.Conflict, default, detail, null);

    public static new Result<T> Invalid(string field, string message) => new(ResultStatus.Invalid, default, message, new Dictionary<string, string[]> { [field] = [message] });

    public static new Result<T> Invalid(IDictionary<string, string[]> errors) => new(ResultStatus.Invalid, default, null, errors);
}

public static class ResultHttp
{
    /// <summary>Maps a result to 200/201/400/403/404/409 with ProblemDetails for every failure.</summary>
    public static IResult ToHttp(this Result result, string? location = null) => result.Status switch
    {
        ResultStatus.Ok => result.GetType().IsGenericType ? Results.Ok(ValueOf(result)) : Results.Ok(),
        ResultStatus.Created => Results.Created(location, ValueOf(result)),
        ResultStatus.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: result.Detail),
        ResultStatus.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Detail),
        ResultStatus.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.Detail),
        _ => Results.ValidationProblem(result.Errors ?? new Dictionary<string, string[]>(), detail: result.Detail),
    };

    private static object? ValueOf(Result result)
    {
        var type = result.GetType();
        return type.IsGenericType ? type.GetProperty("Value")!.GetValue(result) : null;
    }
}
