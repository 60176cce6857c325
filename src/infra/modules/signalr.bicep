// Azure SignalR Service as the backplane between hub replicas (no sticky sessions needed).
param name string
param location string
param tags object
param keyVaultName string

resource signalr 'Microsoft.SignalRService/signalR@2024-03-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard_S1', capacity: 1 }
  kind: 'SignalR'
  properties: {
    features: [ { flag: 'ServiceMode', value: 'Default' } ]
    cors: { allowedOrigins: [] }
    tls: { clientCertEnabled: false }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource connectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'signalr-connection-string'
  properties: {
    value: signalr.listKeys().primaryConnectionString
  }
}

output connectionStringSecretUri string = connectionSecret.properties.secretUri
