#!/usr/bin/env bash
# The benchmark suite in one command: installs wrk (and, for PostgreSQL, Docker and the postgres image) when
# missing, publishes Release builds of the API and of the reference app, then runs bench/Catalog.Bench, which
# seeds each provider at each size, drives the API with wrk on 127.0.0.1 and writes
# docs/performance/<label>.json and docs/performance.md.
#
# Usage: bash bench/run.sh [--label NAME] [--providers sqlite,postgres] [--sizes 1000,100000]
#                          [--scenarios catalog,delivery] [--note "what the report should say about this run"]
#                          [--duration 10] [--warmup 30] [--connections 32] [--threads 2] [--cold-starts 5]
#                          [--keep DIR]  copies each seeded SQLite database to DIR, to profile against it later
#        bash bench/run.sh --smoke     tiny sizes, one second per scenario, results under bench/.out only
#        bash bench/run.sh --render-only   rewrite docs/performance.md from docs/performance/*.json
# Environment: CATALOG_POSTGRES_IMAGE (default postgres:15).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

case "${1:-}" in
  -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

log() { printf '[bench] %s\n' "$*" >&2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Rendering the report measures nothing: only the driver is built.
if [ "${1:-}" != --render-only ]; then
  # sqlite3 backdates the delivered-service agreements in a SQLite database (PostgreSQL's psql runs in its container).
  missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi

  providers="sqlite,postgres"
  args=("$@")
  for ((i = 0; i < ${#args[@]}; i++)); do
    if [ "${args[$i]}" = "--providers" ]; then providers="${args[$((i + 1))]}"; fi
  done
  if [[ "$providers" == *postgres* ]]; then
    bash scripts/postgres-image.sh # installs and starts Docker first (scripts/docker-engine.sh)
  fi

  log "publishing Release builds"
  # The API as the Dockerfile publishes it (framework-dependent, ReadyToRun); the reference as any minimal API.
  dotnet publish src/Catalog.Api -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o bench/.out/api -nologo -v quiet -clp:ErrorsOnly
  dotnet publish bench/Catalog.Bench.Reference -c Release -o bench/.out/reference -nologo -v quiet -clp:ErrorsOnly
fi

dotnet build bench/Catalog.Bench -c Release -nologo -v quiet -clp:ErrorsOnly

exec dotnet run --project bench/Catalog.Bench -c Release --no-build -- "$@"
