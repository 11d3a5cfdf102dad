// Herald in Azure, for "azd up": a resource group holding the app's identity, storage, Key Vault, monitoring and
// the Functions app on Flex Consumption, with the roles that tie them together. Local modules only (registry
// modules cannot be restored offline, where this is built and linted by the tests).
targetScope = 'subscription'

@description('Name of the azd environment; resource names derive from it.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Azure region for every resource (one that offers Flex Consumption).')
param location string

@description('SendGrid API key with "Mail Send" permission, stored in Key Vault.')
@secure()
param sendGridApiKey string

@description('Public key of SendGrid\'s signed Event Webhook (base64, as SendGrid shows it), stored in Key Vault.')
@secure()
param sendGridWebhookPublicKey string

@description('Secret signing confirm, unsubscribe and preferences links: at least 32 random characters (the app refuses to start otherwise), stored in Key Vault.')
@secure()
param signingKey string

@description('The signing key before the last rotation, which still verifies the links already sent. Empty when there is none.')
@secure()
param previousSigningKey string = ''

@description('Domain whose MX record points at SendGrid Inbound Parse ("parse.example.com"): readers write to "{newsletter}+subscribe@", "{newsletter}@" and the digests\' "unsubscribe+TOKEN@" addresses there. Empty: Herald receives no mail.')
param inboundParseDomain string = ''

@description('Password of the basic credentials in the Inbound Parse webhook URL (https://herald:PASSWORD@host/api/inbound/email), at least 24 characters, stored in Key Vault. Required with inboundParseDomain unless inboundSendGridPublicKey is set.')
@secure()
param inboundSecret string = ''

@description('Public key (base64) of the signature security policy attached to the Inbound Parse webhook, stored in Key Vault. Empty: inbound requests need not be signed.')
@secure()
param inboundSendGridPublicKey string = ''

@description('Herald\'s newsletters, sources and tagging rules, in herald.json\'s shape ({"Herald": {"Newsletters": [...]}}).')
param heraldSettings object

@description('Address readers reach the app at (a custom domain). Empty: the app\'s default host name.')
param publicBaseUrl string = ''

@description('NCRONTAB schedule (UTC) of collecting: every 30 minutes by default.')
param collectSchedule string = '0 */30 * * * *'

@description('NCRONTAB schedule of BuildDigests waking to build the newsletters whose slots have come (each newsletter has its own schedule and time zone in heraldSettings): every 5 minutes by default.')
param digestSchedule string = '0 */5 * * * *'

@description('NCRONTAB schedule (UTC) of PruneRecords removing expired replay-protection, de-duplication and count rows: daily at 03:30 by default.')
param pruneSchedule string = '0 30 3 * * *'

@description('Most instances the Functions app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each Functions instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Key Vault purge protection (recommended; cannot be turned off once on).')
param keyVaultPurgeProtection bool = true

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, application: 'herald' }

// Names the code uses (src/Herald/Storage/StorageNames.cs); a test compares them with the compiled template.
var heraldContainers = ['articles', 'editions', 'summaries', 'batches']
var heraldQueues = ['summarize-articles', 'send-digest-batches', 'signup-requests']
var heraldTables = ['articleindex', 'subscribers', 'deliveries', 'feedstate', 'optouts', 'suppressions', 'consents', 'providerevents', 'inbound', 'signupquota']
var deploymentContainer = 'app-package-${take(token, 8)}'

var names = {
  identity: 'id-herald-${token}'
  storage: 'st${token}'
  workspace: 'log-herald-${token}'
  applicationInsights: 'appi-herald-${token}'
  keyVault: 'kv-herald-${take(token, 12)}'
  functionApp: 'func-herald-${token}'
  plan: 'plan-herald-${token}'
}

var secretNames = {
  signingKey: 'herald-signing-key'
  previousSigningKey: 'herald-previous-signing-key'
  sendGridApiKey: 'sendgrid-api-key'
  webhookPublicKey: 'sendgrid-webhook-public-key'
  inboundSecret: 'herald-inbound-secret'
  inboundPublicKey: 'sendgrid-inbound-public-key'
}

resource group 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: group
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  params: {
    name: names.storage
    location: location
    tags: tags
    containerNames: concat(heraldContainers, [deploymentContainer])
    queueNames: heraldQueues
    tableNames: heraldTables
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  params: {
    workspaceName: names.workspace
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module vault 'modules/keyVault.bicep' = {
  scope: group
  params: {
    name: names.keyVault
    location: location
    tags: tags
    enablePurgeProtection: keyVaultPurgeProtection
    secrets: {
      '${secretNames.signingKey}': signingKey
      // Key Vault keeps no empty secret: a single space stands for "none", and Herald skips blank keys.
      '${secretNames.previousSigningKey}': empty(previousSigningKey) ? ' ' : previousSigningKey
      '${secretNames.sendGridApiKey}': sendGridApiKey
      '${secretNames.webhookPublicKey}': sendGridWebhookPublicKey
      '${secretNames.inboundSecret}': empty(inboundSecret) ? ' ' : inboundSecret
      '${secretNames.inboundPublicKey}': empty(inboundSendGridPublicKey) ? ' ' : inboundSendGridPublicKey
    }
  }
}

module roles 'modules/roles.bicep' = {
  scope: group
  dependsOn: [identity, storage, vault, monitoring]
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
  }
}

module functions 'modules/functionApp.bicep' = {
  scope: group
  dependsOn: [roles]
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainer
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: vault.outputs.uri
    secretNames: secretNames
    publicBaseUrl: publicBaseUrl
    inboundParseDomain: inboundParseDomain
    collectSchedule: collectSchedule
    digestSchedule: digestSchedule
    pruneSchedule: pruneSchedule
    heraldSettings: heraldSettings
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

@description('Region of the deployment (azd reads it back).')
output AZURE_LOCATION string = location

@description('Resource group holding everything.')
output AZURE_RESOURCE_GROUP string = group.name

@description('Name of the Functions app.')
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name

@description('Address links in emails start with.')
output HERALD_PUBLIC_BASE_URL string = functions.outputs.publicBaseUrl

@description('URL to give SendGrid\'s Event Webhook (Settings > Mail Settings > Event Webhook), with signature verification on.')
output SENDGRID_EVENT_WEBHOOK_URL string = '${functions.outputs.publicBaseUrl}/api/events/sendgrid'

@description('Where SendGrid Inbound Parse posts mail for inboundParseDomain; give SendGrid this URL with the basic credentials inserted (https://herald:INBOUND_SECRET@host/api/inbound/email).')
output SENDGRID_INBOUND_PARSE_URL string = '${functions.outputs.publicBaseUrl}/api/inbound/email'

@description('Name of the Key Vault holding the secrets.')
output AZURE_KEY_VAULT_NAME string = vault.outputs.name

@description('Name of the storage account.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Name of the Application Insights component.')
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
