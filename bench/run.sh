#!/usr/bin/env bash
# The PPS Hub benchmark (issue 11), end to end: builds the hub and the harness in Release, installs the Socket.IO
# peer's dependencies (npm, into bench/socketio/node_modules, ignored by git), and runs every scenario with the
# servers pinned to one core and the load clients to another. Writes docs/benchmarks/RESULTS.md and the SVG plots.
#   bash bench/run.sh            # the full run (1,000/5,000/10,000 connections; ~16 minutes on an idle 2-core machine)
#   bash bench/run.sh --quick    # the same scenarios with small numbers -> docs/benchmarks/RESULTS-quick.md
# Further arguments go to the harness: --scenarios 1,3 --peers hub,hub-msgpack,raw,socketio --connections 1000,5000
#   --repetitions 5 --server-cpus none --out DIR ...
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

cores=$(nproc --all)
if [ "$cores" -ge 2 ]; then
  server_cpus=0
  client_cpus=$(seq -s, 1 $((cores - 1)))
  pin_clients=(taskset -c "$client_cpus")
else
  echo "Only one core: nothing is pinned." >&2
  server_cpus=none
  pin_clients=()
fi

# Thousands of sockets per process.
ulimit -n "$(ulimit -Hn)" || true

echo "== build (Release)"
dotnet build src/Pps.Web -c Release -v q -nologo -clp:ErrorsOnly
dotnet build tests/Pps.Benchmarks -c Release -v q -nologo -clp:ErrorsOnly
# The hub as its container image is built (src/Pps.Web/Pps.Web.csproj: ReadyToRun when publishing for a runtime):
# precompiled, so a restarted hub does not JIT every code path while thousands of clients reconnect (scenario 5).
hub_dir="$root/artifacts/bench-hub"
echo "== publish the hub (ReadyToRun, linux-x64) to $hub_dir"
dotnet publish src/Pps.Web -c Release -r linux-x64 --self-contained false -o "$hub_dir" -v q -nologo -clp:ErrorsOnly

echo "== Socket.IO peer"
if command -v npm >/dev/null 2>&1; then
  (cd bench/socketio && npm install --no-audit --no-fund --loglevel=error)
else
  echo "npm is missing: the Socket.IO peer is skipped (the report says so)." >&2
fi

command_line="bash bench/run.sh${*:+ $*}"
echo "== run: $command_line"
exec "${pin_clients[@]}" dotnet tests/Pps.Benchmarks/bin/Release/net10.0/Pps.Benchmarks.dll \
  --server-cpus "$server_cpus" --configuration Release --hub-dll "$hub_dir/Pps.Web.dll" --command "$command_line" "$@"
