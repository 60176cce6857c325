// PPS Hub on Azure: Container Apps (the hub, several replicas), PostgreSQL Flexible Server (private, in the
// VNet), Storage (private container, managed identity), Azure SignalR Service (backplane), Key Vault,
// Log Analytics + Application Insights, one user-assigned managed identity. Local modules only, so
// `bicep build` works offline.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used to name resources.')
param environmentName string

@minLength(1)
@description('Azure region, e.g. westeurope.')
param location string

@description('Minimum number of hub replicas.')
@minValue(1)
param minReplicas int = 2

@description('Maximum number of hub replicas.')
@minValue(1)
param maxReplicas int = 6

@description('PostgreSQL administrator login (password auth, kept in Key Vault). Entra authentication is also enabled.')
param postgresAdminLogin string = 'ppsadmin'

@secure()
@description('PostgreSQL administrator password; stored only in Key Vault.')
param postgresAdminPassword string

@description('Entra object id of the PostgreSQL Entra administrator (a group of DBAs); empty to skip.')
param postgresEntraAdminObjectId string = ''

@description('Entra display name of that administrator.')
param postgresEntraAdminName string = ''

@description('Container image of the hub; azd sets it on deploy.')
param webImageName string = ''

@description('SMTP relay host name for the hub\'s e-mail.')
param smtpHost string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, app: 'pps-hub' }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: { name: 'id-pps-${resourceToken}', location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: { name: 'pps-${resourceToken}', location: location, tags: tags }
}

module network 'modules/network.bicep' = {
  name: 'network'
  scope: rg
  params: { name: 'vnet-pps-${resourceToken}', location: location, tags: tags }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-pps-${resourceToken}'
    location: location
    tags: tags
    readerPrincipalId: identity.outputs.principalId
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  scope: rg
  params: {
    name: 'psql-pps-${resourceToken}'
    location: location
    tags: tags
    adminLogin: postgresAdminLogin
    adminPassword: postgresAdminPassword
    entraAdminObjectId: postgresEntraAdminObjectId
    entraAdminName: postgresEntraAdminName
    delegatedSubnetId: network.outputs.postgresSubnetId
    vnetId: network.outputs.vnetId
    keyVaultName: keyVault.outputs.name
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'stpps${resourceToken}'
    location: location
    tags: tags
    contributorPrincipalId: identity.outputs.principalId
  }
}

module signalr 'modules/signalr.bicep' = {
  name: 'signalr'
  scope: rg
  params: {
    name: 'sigr-pps-${resourceToken}'
    location: location
    tags: tags
    keyVaultName: keyVault.outputs.name
  }
}

module apps 'modules/containerapps.bicep' = {
  name: 'containerapps'
  scope: rg
  params: {
    environmentName: 'cae-pps-${resourceToken}'
    appName: 'ca-pps-web-${resourceToken}'
    jobName: 'caj-pps-migrate-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    infrastructureSubnetId: network.outputs.appsSubnetId
    imageName: webImageName
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    postgresConnectionSecretUri: postgres.outputs.connectionStringSecretUri
    signalRConnectionSecretUri: signalr.outputs.connectionStringSecretUri
    blobServiceUri: storage.outputs.blobEndpoint
    smtpHost: smtpHost
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CONTAINER_APPS_ENVIRONMENT_ID string = apps.outputs.environmentId
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = apps.outputs.registryLoginServer
output AZURE_MIGRATION_JOB_NAME string = apps.outputs.jobName
output SERVICE_WEB_NAME string = apps.outputs.appName
output SERVICE_WEB_URI string = apps.outputs.uri
