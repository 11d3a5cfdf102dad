using Herald.Testing;

// One real Azurite for the whole run, with a storage account for each test (the Functions host reads queue names from
// the function metadata as they are, so tests are kept apart by account rather than by a name prefix).
[assembly: AssemblyFixture(typeof(AzuriteFixture))]
