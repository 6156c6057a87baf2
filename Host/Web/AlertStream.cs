using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Confluent.Kafka;
using FraudStream.Host.Commands.Tail;
using FraudStream.Host.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FraudStream.Host.Web;

/// <summary>
/// <c>GET /api/alerts/stream</c>: Server-Sent Events fed from the alert topic itself, read the way <c>fraudstream tail</c>
/// reads it (<see cref="AlertTopicReader"/>: every partition assigned, no group joined, nothing committed), so every
/// instance's alerts reach every page, whichever instance serves it. Each event is one alert v1 value exactly as
/// published (pseudonymised alerts stay so), checked with <see cref="AlertView"/>; malformed values are skipped.
/// </summary>
internal static class AlertStream
{
    /// <summary>Alerts per partition sent first, so a page opened mid-stream is not empty.</summary>
    public const long Backlog = 200;

    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_keepAlive = TimeSpan.FromSeconds(15);

    public static async Task ServeAsync(HttpContext context, AnalystContext analyst)
    {
        var response = context.Response;
        // Ends with the request, or when the command stops: an open page must not hold the shutdown.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        var stop = linked.Token;
        var queue = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
        AlertTopicReader reader;
        try
        {
            reader = AlertTopicReader.Open(analyst.Kafka, analyst.AlertTopic, Backlog, static _ => { }, "fraudstream-web-");
        }
        catch (Exception e) when (e is KafkaException or UsageException)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await response.WriteAsync("the alert topic cannot be read: " + e.Message, stop).ConfigureAwait(false);
            return;
        }

        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        await response.WriteAsync(": following " + analyst.AlertTopic + "\nevent: ready\ndata: {}\n\n", stop).ConfigureAwait(false);
        await response.Body.FlushAsync(stop).ConfigureAwait(false);

        // The blocking consume loop gets its own thread; the request's cancellation ends it.
        var consuming = Task.Factory.StartNew(() => Consume(reader, queue.Writer, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
                wait.CancelAfter(s_keepAlive);
                string? value = null;
                try
                {
                    if (await queue.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                        queue.Reader.TryRead(out value);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                }

                await response.WriteAsync(value is null ? ": keep-alive\n\n" : "event: alert\ndata: " + value + "\n\n", stop).ConfigureAwait(false);
                while (queue.Reader.TryRead(out var more))
                    await response.WriteAsync("event: alert\ndata: " + more + "\n\n", stop).ConfigureAwait(false);
                await response.Body.FlushAsync(stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            await consuming.ConfigureAwait(false);
        }
    }

    private static void Consume(AlertTopicReader reader, ChannelWriter<string> queue, CancellationToken stop)
    {
        using (reader)
        {
            while (!stop.IsCancellationRequested)
            {
                ConsumeResult<Ignore, byte[]?>? record;
                try
                {
                    record = reader.Next(s_poll);
                }
                catch (ConsumeException)
                {
                    continue;
                }

                if (record?.Message.Value is { Length: > 0 } value && AlertView.TryParse(value, out _, out _))
                    queue.TryWrite(WithSource(value, record));
            }
        }

        queue.TryComplete();
    }

    // The value as published, on one line (SSE data ends at a line break), with where this page read it.
    private static string WithSource(byte[] value, ConsumeResult<Ignore, byte[]?> record)
    {
        var text = Encoding.UTF8.GetString(value).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $"{{\"alertTopic\":{{\"partition\":{record.Partition.Value},\"offset\":{record.Offset.Value}}},\"alert\":{text}}}");
    }
}
