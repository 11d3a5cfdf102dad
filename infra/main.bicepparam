// Parameters for "azd up": azd fills AZURE_ENV_NAME and AZURE_LOCATION; the secrets come from "azd env set"
// (see README.md, "Deployment"); the newsletters from herald.settings.json beside this file.
using './main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'herald')
param location = readEnvironmentVariable('AZURE_LOCATION', 'eastus2')
param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY', '')
param sendGridWebhookPublicKey = readEnvironmentVariable('SENDGRID_WEBHOOK_PUBLIC_KEY', '')
param signingKey = readEnvironmentVariable('HERALD_SIGNING_KEY', '')
param previousSigningKey = readEnvironmentVariable('HERALD_PREVIOUS_SIGNING_KEY', '')
param publicBaseUrl = readEnvironmentVariable('HERALD_PUBLIC_BASE_URL', '')
param inboundParseDomain = readEnvironmentVariable('HERALD_INBOUND_PARSE_DOMAIN', '')
param inboundSecret = readEnvironmentVariable('HERALD_INBOUND_SECRET', '')
param inboundSendGridPublicKey = readEnvironmentVariable('SENDGRID_INBOUND_PUBLIC_KEY', '')
param heraldSettings = loadJsonContent('herald.settings.json')
