#if FUNCTIONS_RPC
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using Cronos;
using Google.Protobuf.Collections;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace Herald.Functions.Tests.Infrastructure.Rpc;

/// <summary>
/// The data and trigger metadata each extension hands the host for an invocation, turned into TypedData the way the
/// host's ToRpc does: strings as String, byte arrays as Bytes, anything else (TimerInfo, a long, a DateTimeOffset,
/// a dictionary) serialized to Json; the proxied HTTP request as an empty RpcHttp.
/// </summary>
public static class TriggerPayloads
{
    /// <summary>
    /// The timer extension's TimerInfo as the host serializes it: {"Schedule":{"AdjustForDST":true},
    /// "ScheduleStatus":{"Last","Next","LastUpdated"},"IsPastDue"}. The schedule monitor records this tick as Last
    /// and the schedule's next occurrence as Next.
    /// </summary>
    public static string TimerInfo(string schedule, DateTimeOffset due, bool isPastDue)
    {
        var cron = CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
        var next = cron.GetNextOccurrence(due, TimeZoneInfo.Utc) ?? due;
        return new JsonObject
        {
            ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = new JsonObject
            {
                ["Last"] = due.ToString("o"),
                ["Next"] = next.ToString("o"),
                ["LastUpdated"] = due.ToString("o"),
            },
            ["IsPastDue"] = isPastDue,
        }.ToJsonString();
    }

    public static void AddTimer(InvocationRequest request, string parameter, string timerInfo)
    {
        request.InputData.Add(new ParameterBinding { Name = parameter, Data = new TypedData { Json = timerInfo } });
        request.TriggerMetadata.Add(parameter, new TypedData { Json = timerInfo });
    }

    /// <summary>The Storage Queues extension's message: its text as the data (dataType String) and its properties as binding data.</summary>
    public static void AddQueueMessage(InvocationRequest request, string parameter, QueueMessage message)
    {
        var text = message.Body.ToString();
        request.InputData.Add(new ParameterBinding { Name = parameter, Data = new TypedData { String = text } });
        var metadata = request.TriggerMetadata;
        metadata.Add("QueueTrigger", new TypedData { String = text });
        metadata.Add("Id", new TypedData { String = message.MessageId });
        metadata.Add("PopReceipt", new TypedData { String = message.PopReceipt });
        metadata.Add("DequeueCount", Json(message.DequeueCount));
        AddTime(metadata, "InsertionTime", message.InsertedOn);
        AddTime(metadata, "ExpirationTime", message.ExpiresOn);
        AddTime(metadata, "NextVisibleTime", message.NextVisibleOn);
    }

    /// <summary>
    /// With the worker's HttpUri capability the host keeps the gRPC message minimal: an empty RpcHttp for the
    /// request (the request itself goes to the worker's server) and the binding data beside it.
    /// </summary>
    public static void AddHttpRequest(InvocationRequest request, string parameter, HttpRequestMessage http, IReadOnlyDictionary<string, string> routeValues)
    {
        request.InputData.Add(new ParameterBinding { Name = parameter, Data = new TypedData { Http = new RpcHttp() } });
        var query = new JsonObject();
        foreach (var pair in (http.RequestUri!.Query.TrimStart('?')).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            query[Uri.UnescapeDataString(parts[0])] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : "";
        }

        var headers = new JsonObject();
        foreach (var header in http.Headers.Concat(http.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        request.TriggerMetadata.Add("Query", new TypedData { Json = query.ToJsonString() });
        request.TriggerMetadata.Add("Headers", new TypedData { Json = headers.ToJsonString() });
        foreach (var (name, value) in routeValues)
        {
            request.TriggerMetadata.Add(name, new TypedData { String = value });
        }
    }

    private static void AddTime(MapField<string, TypedData> metadata, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            metadata.Add(name, Json(time));
        }
    }

    private static TypedData Json<T>(T value) => new() { Json = JsonSerializer.Serialize(value) };
}
#endif
