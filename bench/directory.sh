#!/usr/bin/env bash
# Directory search benchmark (issue 4): full text against LIKE on 100,000 entries, SQLite and PostgreSQL in one run.
# Starts a throw-away PostgreSQL from the machine's binaries on a loopback port, appends one section per database
# to the output file, and stops the server again.
#   bash bench/directory.sh [output file (default docs/benchmarks/directory-search.md)] [entries (default 100000)]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/benchmarks/directory-search.md}"
count="${2:-100000}"
port=55471
data=$(mktemp -d /tmp/pps-dirbench-XXXXXX)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
run=()
if [ "$(id -u)" = 0 ]; then chown -R nobody "$data"; run=(runuser -u nobody --); fi
"${run[@]}" "$pgbin/initdb" -D "$data/db" -U postgres --auth=trust >/dev/null
# random_page_cost as the production server has it (src/infra/modules/postgres.bicep: SSD storage).
"${run[@]}" "$pgbin/pg_ctl" -D "$data/db" -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c random_page_cost=1.1" -l "$data/log" -w start >/dev/null
trap '"${run[@]}" "$pgbin/pg_ctl" -D "$data/db" -m fast stop >/dev/null; rm -rf "$data"' EXIT
"$pgbin/createdb" -h 127.0.0.1 -p $port -U postgres bench
dotnet build -c Release tests/Pps.Benchmarks.Directory -v q -nologo -clp:ErrorsOnly
echo "load average before: $(cat /proc/loadavg)"
dotnet run -c Release --no-build --project tests/Pps.Benchmarks.Directory -- Sqlite "" "$out" "$count"
dotnet run -c Release --no-build --project tests/Pps.Benchmarks.Directory -- Postgres "Host=127.0.0.1;Port=$port;Username=postgres;Database=bench" "$out" "$count"
echo "load average after: $(cat /proc/loadavg)"
