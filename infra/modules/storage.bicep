// Herald's storage account: HTTPS and TLS 1.2 only, no anonymous blob access, no shared keys (identities only),
// with every container, queue (and poison queue) and table the code uses.

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the account.')
param location string

@description('Tags for the account.')
param tags object = {}

@description('Blob containers to create: Herald\'s own and the Functions deployment package container.')
param containerNames string[]

@description('Queues to create, each with its "-poison" queue, which the Functions host fills after the last retry.')
param queueNames string[]

@description('Tables to create.')
param tableNames string[]

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = [
  for container in containerNames: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [
  for queue in flatten(map(queueNames, q => [q, '${q}-poison'])): {
    parent: queueService
    name: queue
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = [
  for table in tableNames: {
    parent: tableService
    name: table
  }
]

@description('Name of the storage account.')
output name string = account.name

@description('Blob endpoint, for identity-based connections ("__blobServiceUri").')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue endpoint ("__queueServiceUri").')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Table endpoint ("__tableServiceUri").')
output tableEndpoint string = account.properties.primaryEndpoints.table
