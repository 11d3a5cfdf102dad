using System.ClientModel;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.AI;

namespace Herald.Summarizing.Chat;

/// <summary>The production <see cref="IChatClient"/>: an Azure OpenAI deployment, by API key or managed identity.</summary>
public static class AzureOpenAIChatClientFactory
{
    public static IChatClient Create(SummarizerOptions options)
    {
        var endpoint = new Uri(options.Endpoint!, UriKind.Absolute);
        var clientOptions = new AzureOpenAIClientOptions { NetworkTimeout = options.Timeout + TimeSpan.FromSeconds(5) };
        var client = string.IsNullOrWhiteSpace(options.ApiKey)
            ? new AzureOpenAIClient(endpoint, string.IsNullOrWhiteSpace(options.ClientId) ? new DefaultAzureCredential() : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId)), clientOptions)
            : new AzureOpenAIClient(endpoint, new ApiKeyCredential(options.ApiKey), clientOptions);
        return client.GetChatClient(options.Deployment).AsIChatClient();
    }
}
