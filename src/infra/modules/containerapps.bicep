// The Container Apps environment (in the VNet), a registry, the hub (several replicas, scale on HTTP
// load) and the migration job that azd starts after each deploy.
param environmentName string
param appName string
param jobName string
param location string
param tags object
param identityId string
param identityClientId string
param logAnalyticsWorkspaceId string
@secure()
param appInsightsConnectionString string
param infrastructureSubnetId string
param imageName string
param minReplicas int
param maxReplicas int
param postgresConnectionSecretUri string
param signalRConnectionSecretUri string
param blobServiceUri string
param smtpHost string

var registryName = 'cr${uniqueString(resourceGroup().id, appName)}'
var image = empty(imageName) ? 'mcr.microsoft.com/dotnet/samples:aspnetapp' : imageName

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: take(registryName, 50)
  location: location
  tags: tags
  sku: { name: 'Basic' }
  properties: { adminUserEnabled: false }
}

// AcrPull for the hub's identity
var acrPullRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identityId, acrPullRole)
  scope: registry
  properties: {
    principalId: reference(identityId, '2023-01-31').principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: acrPullRole
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: reference(logAnalyticsWorkspaceId, '2023-09-01').customerId
        sharedKey: listKeys(logAnalyticsWorkspaceId, '2023-09-01').primarySharedKey
      }
    }
    vnetConfiguration: {
      infrastructureSubnetId: infrastructureSubnetId
      internal: false
    }
  }
}

var secrets = [
  { name: 'postgres', keyVaultUrl: postgresConnectionSecretUri, identity: identityId }
  { name: 'signalr', keyVaultUrl: signalRConnectionSecretUri, identity: identityId }
  { name: 'appinsights', value: appInsightsConnectionString }
]

var commonEnv = [
  { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
  { name: 'Pps__DatabaseProvider', value: 'Postgres' }
  { name: 'ConnectionStrings__Postgres', secretRef: 'postgres' }
  { name: 'Storage__Provider', value: 'Azure' }
  { name: 'Storage__ServiceUri', value: blobServiceUri }
  { name: 'Storage__Container', value: 'pps' }
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', secretRef: 'appinsights' }
  { name: 'Smtp__Host', value: smtpHost }
]

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      registries: [ { server: registry.properties.loginServer, identity: identityId } ]
      secrets: secrets
    }
    template: {
      containers: [
        {
          name: 'web'
          image: image
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: concat(commonEnv, [
            { name: 'Pps__MigrateAtStart', value: 'false' }
            { name: 'Pps__PublicBaseUrl', value: 'https://${appName}.${environment.properties.defaultDomain}' }
            { name: 'SignalR__Backplane', value: 'Azure' }
            { name: 'Azure__SignalR__ConnectionString', secretRef: 'signalr' }
          ])
          probes: [
            { type: 'Liveness', httpGet: { path: '/health/live', port: 8080 } }
            { type: 'Readiness', httpGet: { path: '/health/ready', port: 8080 } }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [ { name: 'http', http: { metadata: { concurrentRequests: '200' } } } ]
      }
    }
  }
  dependsOn: [ pull ]
}

resource migrationJob 'Microsoft.App/jobs@2024-03-01' = {
  name: take(jobName, 32)
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environment.id
    configuration: {
      triggerType: 'Manual'
      replicaTimeout: 600
      replicaRetryLimit: 1
      manualTriggerConfig: { parallelism: 1, replicaCompletionCount: 1 }
      registries: [ { server: registry.properties.loginServer, identity: identityId } ]
      secrets: secrets
    }
    template: {
      containers: [
        {
          name: 'migrate'
          image: image
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: concat(commonEnv, [
            { name: 'Pps__MigrateOnly', value: 'true' }
          ])
        }
      ]
    }
  }
  dependsOn: [ pull ]
}

output environmentId string = environment.id
output registryLoginServer string = registry.properties.loginServer
output appName string = app.name
output jobName string = migrationJob.name
output uri string = 'https://${app.properties.configuration.ingress.fqdn}'
