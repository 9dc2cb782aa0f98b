using System.Text.Json;
using Gongkai.ServiceDefaults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Gongkai.UnitTests.Validation;

public class UnavailableExceptionHandlerTests
{
    [Fact]
    public void Transient_database_failures_are_recognised_however_deeply_wrapped()
    {
        Assert.True(UnavailableExceptionHandler.IsTransient(new NpgsqlException("The connection pool has been exhausted", new TimeoutException())));
        Assert.True(UnavailableExceptionHandler.IsTransient(
            new InvalidOperationException("retry limit", new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)))));
        Assert.True(UnavailableExceptionHandler.IsTransient(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));
    }

    [Fact]
    public void Failures_of_the_request_itself_are_not_unavailability()
    {
        Assert.False(UnavailableExceptionHandler.IsTransient(new PostgresException("duplicate key value", "ERROR", "ERROR", "23505")));
        Assert.False(UnavailableExceptionHandler.IsTransient(new InvalidOperationException("a bug")));
        Assert.False(UnavailableExceptionHandler.IsTransient(new ArgumentException("bad", new FormatException())));
    }

    [Fact]
    public async Task An_unreachable_database_is_answered_503_with_retry_after_as_chinese_problem_details()
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new UnavailableExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<UnavailableExceptionHandler>.Instance);

        Assert.False(await handler.TryHandleAsync(context, new InvalidOperationException("a bug"), CancellationToken.None));
        Assert.True(await handler.TryHandleAsync(context, new NpgsqlException("Failed to connect", new TimeoutException()), CancellationToken.None));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("服务暂时繁忙", problem.GetProperty("title").GetString());
    }
}
