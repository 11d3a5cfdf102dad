using Herald.Testing;

// One real Azurite for the whole run of this assembly (the fast lane, Herald.UnitTests, has none and needs none).
[assembly: AssemblyFixture(typeof(AzuriteFixture))]
