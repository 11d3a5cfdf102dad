// The app's one identity: storage, Key Vault and Application Insights trust it, and nothing else.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region of the identity.')
param location string

@description('Tags for the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output id string = identity.id

@description('Client id of the identity, which the app names in its identity-based connections.')
output clientId string = identity.properties.clientId

@description('Principal (object) id of the identity, which role assignments name.')
output principalId string = identity.properties.principalId
