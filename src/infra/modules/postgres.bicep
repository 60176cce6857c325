// PostgreSQL Flexible Server inside the VNet (no public network access, no firewall rules), Entra
// authentication enabled next to the password login whose connection string lives in Key Vault.
param name string
param location string
param tags object
param adminLogin string
@secure()
param adminPassword string
param entraAdminObjectId string
param entraAdminName string
param delegatedSubnetId string
param vnetId string
param keyVaultName string

resource dnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: '${name}.private.postgres.database.azure.com'
  location: 'global'
  tags: tags
}

resource dnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: dnsZone
  name: 'pps-vnet'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: vnetId }
  }
}

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard_B2s', tier: 'Burstable' }
  properties: {
    version: '16'
    administratorLogin: adminLogin
    administratorLoginPassword: adminPassword
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Enabled'
      tenantId: subscription().tenantId
    }
    storage: { storageSizeGB: 64, autoGrow: 'Enabled' }
    backup: { backupRetentionDays: 14, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
    network: {
      delegatedSubnetResourceId: delegatedSubnetId
      privateDnsZoneArmResourceId: dnsZone.id
      publicNetworkAccess: 'Disabled'
    }
  }
  dependsOn: [ dnsLink ]
}

// Premium SSD: a random page read costs little more than a sequential one. With the default (4; Azure's is 2) the
// planner walked the primary key through 10,000 entries for a two-word directory search instead of reading the GIN
// index's few hundred matches (docs/benchmarks/directory-search.md, issue 4). 1.1 is PostgreSQL's suggestion for SSDs.
resource randomPageCost 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'random_page_cost'
  properties: { value: '1.1', source: 'user-override' }
}

resource entraAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = if (!empty(entraAdminObjectId)) {
  parent: server
  name: empty(entraAdminObjectId) ? 'none' : entraAdminObjectId
  properties: {
    principalType: 'Group'
    principalName: entraAdminName
    tenantId: subscription().tenantId
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: 'pps'
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource connectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'postgres-connection-string'
  properties: {
    value: 'Host=${server.properties.fullyQualifiedDomainName};Database=pps;Username=${adminLogin};Password=${adminPassword};SSL Mode=Require'
  }
}

output fqdn string = server.properties.fullyQualifiedDomainName
output connectionStringSecretUri string = connectionSecret.properties.secretUri
