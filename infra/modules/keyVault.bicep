// Key Vault in RBAC mode with soft delete, holding Herald's secrets. The app reads them through Key Vault
// references; nobody gets an access policy.

@description('Name of the vault (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the vault.')
param location string

@description('Tags for the vault.')
param tags object = {}

@description('Purge protection: a deleted vault and its secrets cannot be purged before the retention ends. Cannot be turned off once on.')
param enablePurgeProtection bool = true

@description('Secrets to store, name to value.')
@secure()
param secrets object

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = [
  for item in items(secrets): {
    parent: vault
    name: item.key
    properties: {
      value: item.value
      contentType: 'text/plain'
    }
  }
]

@description('Name of the vault.')
output name string = vault.name

@description('URI of the vault; a secret\'s reference is "{uri}secrets/{name}".')
output uri string = vault.properties.vaultUri
