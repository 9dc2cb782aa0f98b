namespace Gongkai.Identity.Apis;

internal static class HttpRequestExtensions
{
    public static IResult ValidationProblem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "请求参数有误");
}
