// The Functions app: Linux, Flex Consumption, .NET 10 isolated worker, running as the user-assigned identity.
// Every connection is identity-based and every secret a Key Vault reference; the settings are the ones the code
// requires (tests/Herald.Tests/Infra checks them against the app's own validation).

@description('Name of the Function app (its default host name is "{name}.azurewebsites.net").')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags for the plan and the app; the app also gets azd\'s service tag.')
param tags object = {}

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity, named in the identity-based connections.')
param identityClientId string

@description('Blob endpoint of the storage account.')
param blobEndpoint string

@description('Queue endpoint of the storage account.')
param queueEndpoint string

@description('Table endpoint of the storage account.')
param tableEndpoint string

@description('Blob container holding the deployment package (Flex Consumption deploys from it).')
param deploymentContainerName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('URI of the Key Vault holding the secrets ("https://{vault}.vault.azure.net/").')
param keyVaultUri string

@description('Key Vault secret names: signing key, previous signing key, SendGrid API key, webhook public key, inbound secret and inbound public key.')
param secretNames object

@description('Address readers reach the app at; links in emails start with it. Empty: the app\'s default host name.')
param publicBaseUrl string = ''

@description('Domain SendGrid Inbound Parse receives mail for; empty when Herald receives none.')
param inboundParseDomain string = ''

@description('NCRONTAB schedule (UTC) of CollectArticles.')
param collectSchedule string

@description('NCRONTAB schedule (UTC) of BuildDigests.')
param digestSchedule string

@description('NCRONTAB schedule (UTC) of PruneRecords.')
param pruneSchedule string

@description('Herald\'s newsletters, sources and tagging rules, in herald.json\'s shape; given to the app as HERALD_SETTINGS_JSON.')
param heraldSettings object

@description('Most instances the app scales out to (Flex Consumption: 1-1000).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance in MB (Flex Consumption: 512, 2048 or 4096).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

var baseUrl = empty(publicBaseUrl) ? 'https://${name}.azurewebsites.net' : publicBaseUrl

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // The Functions host's own storage: identity-based, no keys.
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: blobEndpoint }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: queueEndpoint }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: tableEndpoint }
        // Herald's storage connection, which the queue triggers name too (Connection = "HeraldStorage").
        { name: 'HeraldStorage__credential', value: 'managedidentity' }
        { name: 'HeraldStorage__clientId', value: identityClientId }
        { name: 'HeraldStorage__blobServiceUri', value: blobEndpoint }
        { name: 'HeraldStorage__queueServiceUri', value: queueEndpoint }
        { name: 'HeraldStorage__tableServiceUri', value: tableEndpoint }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        { name: 'CollectSchedule', value: collectSchedule }
        { name: 'DigestSchedule', value: digestSchedule }
        { name: 'PruneSchedule', value: pruneSchedule }
        { name: 'Herald__PublicBaseUrl', value: baseUrl }
        { name: 'Herald__SigningKey', value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.signingKey})' }
        { name: 'Herald__PreviousSigningKeys__0', value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.previousSigningKey})' }
        { name: 'Delivery__Mode', value: 'SendGrid' }
        { name: 'Delivery__SendGridApiKey', value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.sendGridApiKey})' }
        { name: 'Delivery__SendGridWebhookPublicKey', value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.webhookPublicKey})' }
        { name: 'Inbound__ParseDomain', value: inboundParseDomain }
        { name: 'Inbound__Secret', value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.inboundSecret})' }
        { name: 'Inbound__SendGridPublicKey', value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.inboundPublicKey})' }
        // Azure's front end puts the client's address in X-Forwarded-For and overwrites what the client sent.
        { name: 'Site__ClientIpHeader', value: 'X-Forwarded-For' }
        { name: 'HERALD_SETTINGS_JSON', value: string(heraldSettings) }
      ]
    }
  }
}

@description('Name of the Function app.')
output name string = app.name

@description('Address links in emails start with.')
output publicBaseUrl string = baseUrl
