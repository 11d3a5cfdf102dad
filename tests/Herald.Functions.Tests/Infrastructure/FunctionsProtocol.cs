using System.Reflection;
using Herald.Testing;

namespace Herald.Functions.Tests.Infrastructure;

/// <summary>
/// Whether this build has the Functions host's protocol: the server is generated from ../shared/functions-rpc only
/// when FunctionRpc.proto is there. Without it every conformance test skips, naming the file it needs.
/// </summary>
public static class FunctionsProtocol
{
    /// <summary>The folder that holds FunctionRpc.proto, as the build looked for it (../shared/functions-rpc beside the repository).</summary>
    public static string Directory { get; } =
        typeof(FunctionsProtocol).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "FunctionsRpcDirectory")?.Value
        ?? Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "functions-rpc"));

    public static string ProtoFile => Path.Combine(Directory, "FunctionRpc.proto");

    /// <summary>True when this build generated the host's server from the proto (FUNCTIONS_RPC).</summary>
    public static bool Compiled =>
#if FUNCTIONS_RPC
        true;
#else
        false;
#endif

    public static string MissingMessage =>
        $"The Functions host protocol is not in this checkout: '{ProtoFile}' is missing (the shared folder beside the repository, ../shared/functions-rpc). " +
        "The test host's gRPC server is generated from it at build time; rebuild with it present to run the conformance tests.";

    /// <summary>Skips the calling test when the protocol was not there to build the host's server.</summary>
    public static void SkipUnlessCompiled() => Assert.SkipUnless(Compiled, MissingMessage);
}
