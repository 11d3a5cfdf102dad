using System.Text.Json.Nodes;
using Herald.Functions.Tests.Infrastructure;
using Herald.Testing;

namespace Herald.Functions.Tests.Hosting;

/// <summary>
/// The published app started as the host starts it: the stream opens with the worker id it was given, the worker's
/// init reports the capabilities the host relies on, and its own indexing is the functions.metadata it shipped.
/// </summary>
public sealed class WorkerHandshakeTests(AzuriteFixture azurite, PublishedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_worker_initializes_with_the_capabilities_the_host_needs_and_its_own_http_server()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);
        var init = deployment.Worker.Init;

        Assert.True(init.Succeeded, init.Failure);
        Assert.Equal(".NET", init.RuntimeName);
        Assert.False(string.IsNullOrEmpty(init.WorkerVersion));
        // Without these the host would send HTTP bodies and trigger metadata the worker does not expect.
        foreach (var capability in new[] { "RpcHttpBodyOnly", "RawHttpBodyBytes", "RpcHttpTriggerMetadataRemoved", "UseNullableValueDictionaryForHttp", "TypedDataCollection", "WorkerStatus" })
        {
            Assert.Equal("True", init.Capabilities.GetValueOrDefault(capability));
        }

        // ASP.NET Core integration: the worker runs its own server and asks the host to proxy requests there.
        var httpUri = new Uri(init.Capabilities["HttpUri"]);
        Assert.Equal(("http", "localhost"), (httpUri.Scheme, httpUri.Host));
        // Its server may still be starting when init answers (the host's proxy retries for that): wait for the worker to say it listens there.
        var listening = $"Now listening on: http://localhost:{httpUri.Port}";
        for (var waited = 0; !deployment.Worker.Logs.Any(l => l.Message.Contains(listening, StringComparison.Ordinal)) && waited < 60_000; waited += 100)
        {
            await Task.Delay(100, Ct);
        }

        Assert.Contains(deployment.Worker.Logs, l => l.Message.Contains(listening, StringComparison.Ordinal));
        Assert.True(await Herald.Local.LocalPorts.AnswersAsync(httpUri.Port), $"Nothing listens at the worker's HttpUri {httpUri}.");
    }

    [Fact]
    public async Task The_workers_indexing_is_the_functions_metadata_it_was_published_with_binding_for_binding()
    {
        await using var deployment = await Deployment.StartAsync(azurite, app, cancellationToken: Ct);
        var indexed = deployment.Worker.Functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var published = app.Metadata.Select(f => f!.AsObject()).ToDictionary(f => f["name"]!.GetValue<string>(), StringComparer.Ordinal);

        Assert.Equal(published.Keys.Order(StringComparer.Ordinal), indexed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(18, indexed.Count);
        foreach (var (name, file) in published)
        {
            var worker = indexed[name];
            Assert.Equal((file["entryPoint"]!.GetValue<string>(), file["scriptFile"]!.GetValue<string>(), file["language"]!.GetValue<string>()), (worker.EntryPoint, worker.ScriptFile, worker.Language));
            var fileBindings = file["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList();
            Assert.Equal(fileBindings.Count, worker.RawBindings.Count);
            foreach (var binding in fileBindings)
            {
                var bindingName = binding["name"]!.GetValue<string>();
                var raw = Assert.Single(worker.RawBindings, b => b["name"]!.GetValue<string>() == bindingName);
                Assert.True(JsonNode.DeepEquals(Normalized(binding), Normalized(raw)), $"{name}.{bindingName}: functions.metadata has {binding.ToJsonString()}, the worker indexed {raw.ToJsonString()}");
                var info = worker.Bindings[bindingName];
                Assert.Equal(binding["type"]!.GetValue<string>(), info.Type, StringComparer.OrdinalIgnoreCase);
                Assert.Equal(binding["direction"]!.GetValue<string>(), info.Direction, StringComparer.OrdinalIgnoreCase);
            }
        }

        Assert.Equal("%DigestSchedule%", indexed["BuildDigests"].Trigger["schedule"]!.GetValue<string>());
        Assert.Equal(("send-digest-batches", "HeraldStorage"), (indexed["SendDigestBatch"].Trigger["queueName"]!.GetValue<string>(), indexed["SendDigestBatch"].Trigger["connection"]!.GetValue<string>()));
    }

    /// <summary>
    /// Property names are compared case-blind and values exactly; an empty "properties" object (the SDK writes one,
    /// the worker leaves it out) is what the host reads as none.
    /// </summary>
    private static JsonObject Normalized(JsonObject binding)
    {
        var result = new JsonObject();
        foreach (var (key, value) in binding.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (key == "properties" && value is JsonObject { Count: 0 })
            {
                continue;
            }

            result[key.ToLowerInvariant()] = value?.DeepClone();
        }

        return result;
    }
}
