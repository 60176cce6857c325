#!/usr/bin/env bash
# Starts the Release build of the hub as the benchmark does (Benchmark environment, demo data, Warning logging,
# pinned to CPU 0), for profiling single pages (docs/benchmarks/pages-profile.md).
#   bash bench/pages-profile/hub.sh PORT DATADIR LOGFILE [sql]    # "sql": also log every EF Core command
set -euo pipefail
port=$1; data=$2; log=$3; sql=${4:-}
web="$(cd "$(dirname "$0")/../.." && pwd)/src/Pps.Web"
mkdir -p "$data"
extra=(); if [ "$sql" = sql ]; then extra=("Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information"); fi
export ASPNETCORE_ENVIRONMENT=Benchmark ASPNETCORE_URLS=http://127.0.0.1:$port Pps__DataDirectory=$data Pps__DemoData=true \
  Pps__PublicBaseUrl=http://127.0.0.1:$port Logging__LogLevel__Default=Warning Logging__Console__FormatterName=simple
cd "$web"
exec env "${extra[@]}" taskset -c 0 dotnet "$web/bin/Release/net10.0/Pps.Web.dll" --contentRoot "$web" > "$log" 2>&1
