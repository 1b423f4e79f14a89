#!/usr/bin/env bash
# Builds the Catalog API's container image from the repository's Dockerfile and checks that it works, in
# three parts:
#   sqlite    the image alone: ready endpoint, the admin key printed on first start, authenticated (200)
#             and anonymous (401) requests, the non-root user (uid 1654), data kept on the volume across
#             `docker restart`, the same key still valid after it, a key given through
#             Auth__BootstrapAdminKey, and docker's HEALTHCHECK reporting `healthy`;
#   postgres  the image on PostgreSQL (Database__Provider=Postgres) in a container on a network of its
#             own: ready, 401/200, a service created, still there after the API container restarts and
#             after the PostgreSQL container is stopped (ready turns 503) and started again;
#   compose   compose.yaml: `up -d --build`, db and both API instances healthy, each answering, a service
#             created through one read through the other (and the other way round), then `down -v`.
# Ends with a PASS/FAIL summary; exits non-zero when a part fails. Containers, networks, volumes and the
# compose project it creates (all named catalog-check-<pid>…) are removed on exit; the images are kept.
#
# Usage: scripts/check-image.sh            (as root, or a user allowed to use docker)
# Environment:
#   IMAGE                 tag to build (default catalog-api:check)
#   SKIP_BUILD=1          check an existing IMAGE without building it (compose then uses it as built)
#   NO_CACHE=1            docker build --no-cache (a cold build, for timing)
#   SKIP_BASE_IMAGES=1    do not run scripts/docker-base-images.sh and scripts/postgres-image.sh first
#   SKIP_SQLITE=1, SKIP_POSTGRES=1, SKIP_COMPOSE=1   leave a part out
#   CATALOG_POSTGRES_IMAGE  the PostgreSQL image (default postgres:15; scripts/postgres-image.sh makes it)
#   DOCKER_BUILD_NETWORK  e.g. host: passed to `docker build --network` (when the default bridge cannot
#                         reach NuGet); proxy variables of this shell are passed as build args
#   HEALTH_TIMEOUT        seconds to wait for docker to report `healthy` (default 120)
#   COMPOSE_TIMEOUT       seconds `compose up` may take, its build included (default 900)
#   NO_PULL=1             passed on: the image scripts do not try `docker pull`
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"
IMAGE="${IMAGE:-catalog-api:check}"
PG_IMAGE="${CATALOG_POSTGRES_IMAGE:-postgres:15}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-120}"
COMPOSE_TIMEOUT="${COMPOSE_TIMEOUT:-900}"
APP_UID=1654
RUN_ID="catalog-check-$$"
CONTAINER="$RUN_ID"
VOLUME="$RUN_ID-data"
CONTAINER2="$RUN_ID-env"
VOLUME2="$RUN_ID-env-data"
PG_NET="$RUN_ID-net"
PG_DB="$RUN_ID-pg"
PG_VOLUME="$RUN_ID-pg-data"
PG_API="$RUN_ID-pg-api"
COMPOSE_PROJECT="$RUN_ID-compose"
compose_started=0

PARTS=()
[ "${SKIP_SQLITE:-0}" = 1 ] || PARTS+=(sqlite)
[ "${SKIP_POSTGRES:-0}" = 1 ] || PARTS+=(postgres)
[ "${SKIP_COMPOSE:-0}" = 1 ] || PARTS+=(compose)
PART=setup
PASSED=()

step() { printf '\n== %s\n' "$*"; }
ok() { printf '   ok: %s\n' "$*"; }

summary() { # RESULT_OF_THE_CURRENT_PART
  local p state
  printf '\n== Summary (%s)\n' "$IMAGE"
  for p in "${PARTS[@]}"; do
    state="not run"
    if printf '%s\n' "${PASSED[@]}" | grep -qx "$p"; then state=PASS; elif [ "$p" = "$PART" ]; then state=$1; fi
    printf '   %-8s %s\n' "$state" "$p"
  done
  if [ "$PART" = setup ] && [ "$1" = FAIL ]; then printf '   %-8s %s\n' FAIL "setup (build, base images)"; fi
}

show_container() { # CONTAINER: its state and last log lines, keys redacted
  local c=$1
  docker inspect "$c" >/dev/null 2>&1 || return 0
  printf -- '--- state of %s: %s\n--- last log lines:\n' "$c" \
    "$(docker inspect --format '{{.State.Status}} exit={{.State.ExitCode}} health={{if .State.Health}}{{.State.Health.Status}}{{end}}' "$c")" >&2
  docker logs --tail 40 "$c" 2>&1 | sed -e 's/cat_[A-Za-z0-9_-]*/cat_<redacted>/g' >&2 || true
}

fail() {
  printf '\nFAILED (%s): %s\n' "$PART" "$*" >&2
  if docker inspect "$CONTAINER" >/dev/null 2>&1; then
    show_container "$CONTAINER"
    if [ "$(docker inspect --format '{{.State.Status}}:{{.State.ExitCode}}' "$CONTAINER")" = exited:0 ]; then
      printf -- '--- exit 0 after "Application is shutting down..." is a graceful stop: the server got SIGTERM or\n' >&2
      printf -- '    SIGINT. This script sends none; look for a `pkill -f dotnet`/`pkill -f Catalog.Api` on this host\n' >&2
      printf -- '    (container processes are visible to, and signalled by, host-wide pkill/killall).\n' >&2
    fi
  fi
  summary FAIL >&2
  printf "\nFAIL\n" >&2
  exit 1
}

COMPOSE_CMD=()
compose_within() { # SECONDS ARGS...: the compose implementation scripts/docker-engine.sh provides, on this run's project
  local seconds=$1
  shift
  if [ "${#COMPOSE_CMD[@]}" = 0 ]; then
    if docker compose version >/dev/null 2>&1; then COMPOSE_CMD=(docker compose); else COMPOSE_CMD=(docker-compose); fi
  fi
  timeout "$seconds" "${COMPOSE_CMD[@]}" -p "$COMPOSE_PROJECT" -f "$REPO/compose.yaml" "$@"
}
compose() { compose_within 120 "$@"; }

cleanup() {
  local rc=$?
  if [ "$compose_started" = 1 ]; then
    compose_within 120 down -v --remove-orphans >/dev/null 2>&1 || true
  fi
  docker rm -f -v "$CONTAINER" "$CONTAINER2" "$PG_API" "$PG_DB" >/dev/null 2>&1 || true
  docker volume rm -f "$VOLUME" "$VOLUME2" "$PG_VOLUME" >/dev/null 2>&1 || true
  docker network rm "$PG_NET" >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v curl >/dev/null 2>&1 || fail "curl is required"

# ------------------------------------------------------------------------------------------------ build
step "Docker"
# Installs and starts Docker when needed, and exports DOCKER_API_VERSION when the daemon needs it.
# shellcheck source=scripts/docker-engine.sh
source "$SCRIPT_DIR/docker-engine.sh" || fail "Docker is not usable (scripts/docker-engine.sh failed)"
docker info >/dev/null 2>&1 || fail "the Docker daemon does not answer (run scripts/docker-engine.sh)"
ok "daemon API $(docker version --format '{{.Server.APIVersion}}'), client $(docker version --format '{{.Client.Version}}')${DOCKER_API_VERSION:+, DOCKER_API_VERSION=$DOCKER_API_VERSION}"

if [ "${SKIP_BASE_IMAGES:-0}" != 1 ]; then
  step "Base images"
  "$SCRIPT_DIR/docker-base-images.sh" || fail "scripts/docker-base-images.sh failed"
  if [ "${SKIP_POSTGRES:-0}" != 1 ] || [ "${SKIP_COMPOSE:-0}" != 1 ]; then
    CATALOG_POSTGRES_IMAGE="$PG_IMAGE" "$SCRIPT_DIR/postgres-image.sh" || fail "scripts/postgres-image.sh failed"
  fi
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "docker build -t $IMAGE $REPO"
  build_args=()
  for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
    if [ -n "${!v:-}" ]; then build_args+=(--build-arg "$v=${!v}"); fi
  done
  if [ -n "${DOCKER_BUILD_NETWORK:-}" ]; then build_args+=(--network "$DOCKER_BUILD_NETWORK"); fi
  if [ "${NO_CACHE:-0}" = 1 ]; then build_args+=(--no-cache); fi
  # The Dockerfile's `# syntax=docker/dockerfile:1` line makes BuildKit fetch a frontend image from Docker
  # Hub; the classic builder ignores it, so it is the default here unless DOCKER_BUILDKIT is set.
  export DOCKER_BUILDKIT="${DOCKER_BUILDKIT:-0}"
  t0=$(date +%s)
  build_log="$(mktemp)"
  if ! docker build "${build_args[@]}" -t "$IMAGE" "$REPO" 2>&1 | tee "$build_log"; then
    hint=""
    if grep -q 'COPY failed: stat app' "$build_log"; then
      hint=" (dotnet publish exited 0 but left no /app; .NET exits 0 on SIGTERM, so a host-wide pkill of dotnet/Catalog.Api processes during the build looks like this)"
    elif grep -q 'NU1301' "$build_log"; then
      hint=" (NuGet unreachable from the build container: proxy, CA trust or DOCKER_BUILD_NETWORK=host)"
    elif grep -q 'docker/dockerfile' "$build_log"; then
      hint=" (BuildKit needs the '# syntax=' frontend image from Docker Hub: use DOCKER_BUILDKIT=0)"
    fi
    rm -f "$build_log"
    fail "docker build failed$hint"
  fi
  rm -f "$build_log"
  echo "   build time: $(($(date +%s) - t0)) s"
fi
docker image inspect "$IMAGE" >/dev/null 2>&1 || fail "image $IMAGE does not exist"

# ---------------------------------------------------------------------------------------------- helpers
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true; }

wait_ready() { # CONTAINER PORT SECONDS
  local c=$1 port=$2 deadline=$(($(date +%s) + $3))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if [ "$(docker inspect --format '{{.State.Running}}' "$c" 2>/dev/null)" != true ]; then
      fail "container $c is not running"
    fi
    if [ "$(http_code "http://127.0.0.1:$port/health/ready")" = 200 ]; then
      return 0
    fi
    sleep 1
  done
  fail "/health/ready of $c did not answer 200 within $3 s"
}

local_port() { # reads `docker port` output; prints the port published on 127.0.0.1
  sed -n 's/^127\.0\.0\.1:\([0-9]*\)$/\1/p' | head -n 1
}

host_port() { # CONTAINER -> the host port that 8080 is published on
  docker port "$1" 8080/tcp | local_port
}

expect() { # EXPECTED_CODE DESCRIPTION CURL_ARGS...
  local want=$1 what=$2 got
  shift 2
  got="$(http_code "$@")"
  [ "$got" = "$want" ] || fail "$what: expected HTTP $want, got ${got:-no answer}"
  ok "$what -> $want"
}

create_service() { # BASE KEY AUTH_HEADER -> prints the new service's id
  local base=$1 key=$2 header=$3 body created code id
  body='{"key":"'"$key"'","name":"Check '"$key"'","summary":"Created by the image check","category":"infra","owner":{"team":"Infra","contact":"i@example.com"},"kind":"supporting","cost":{"unit":"TB","unitCostPerMonth":20,"currency":"EUR"}}'
  created="$(curl -sS --max-time 10 -w '\n%{http_code}' -H "$header" -H 'Content-Type: application/json' \
    -d "$body" "$base/api/v1/services")" || fail "POST $base/api/v1/services failed"
  code="$(tail -n 1 <<<"$created")"
  created="$(sed '$d' <<<"$created")"
  [ "$code" = 201 ] || [ "$code" = 200 ] || fail "POST $base/api/v1/services: expected 201, got $code: ${created:0:300}"
  id="$(grep -o '"id":"[0-9a-fA-F-]\{36\}"' <<<"$created" | head -n 1 | cut -d'"' -f4)"
  [ -n "$id" ] || fail "the created service has no id: ${created:0:300}"
  echo "$id"
}

expect_service() { # BASE ID KEY AUTH_HEADER DESCRIPTION: the service is there, by id and by key
  local base=$1 id=$2 key=$3 header=$4 what=$5 listed
  expect 200 "GET /api/v1/services/$id $what" -H "$header" "$base/api/v1/services/$id"
  listed="$(curl -sS --max-time 10 -H "$header" "$base/api/v1/services?key=$key")" || fail "GET ?key=$key failed"
  grep -q "\"key\":\"$key\"" <<<"$listed" || fail "the service '$key' is not listed $what: ${listed:0:300}"
  ok "'$key' is listed $what"
}

wait_health() { # CONTAINER SECONDS [NAME]: docker's health status becomes healthy
  local c=$1 deadline=$(($(date +%s) + $2)) name=${3:-$1} t0 health
  t0=$(date +%s)
  while :; do
    health="$(docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$c" 2>/dev/null || echo missing)"
    [ "$health" = healthy ] && break
    if [ "$health" = unhealthy ] || [ "$health" = none ] || [ "$health" = missing ] || [ "$(date +%s)" -ge "$deadline" ]; then
      docker inspect --format '{{if .State.Health}}{{range .State.Health.Log}}exit {{.ExitCode}}: {{.Output}}{{"\n"}}{{end}}{{end}}' "$c" >&2 || true
      CONTAINER=$c # so that fail() shows this container's logs
      fail "health status of $name is '$health' after $(($(date +%s) - t0)) s"
    fi
    sleep 2
  done
  ok "$name healthy (waited $(($(date +%s) - t0)) s)"
}

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

# ------------------------------------------------------------------------------------------------ sqlite
check_sqlite() {
  step "Start $IMAGE (volume $VOLUME, port 8080 published on 127.0.0.1 only)"
  docker volume create "$VOLUME" >/dev/null
  docker run -d --name "$CONTAINER" -v "$VOLUME:/data" -p 127.0.0.1::8080 "$IMAGE" >/dev/null \
    || fail "docker run failed"
  PORT="$(host_port "$CONTAINER")"
  [ -n "$PORT" ] || fail "port 8080 is not published on 127.0.0.1 ($(docker port "$CONTAINER" 2>&1))"
  published="$(docker port "$CONTAINER" 8080/tcp)"
  if grep -qv '^127\.0\.0\.1:' <<<"$published"; then fail "port 8080 is published beyond 127.0.0.1: $published"; fi
  ok "published on 127.0.0.1:$PORT"
  t0=$(date +%s)
  wait_ready "$CONTAINER" "$PORT" 90
  ok "/health/ready -> 200 after $(($(date +%s) - t0)) s"
  BASE="http://127.0.0.1:$PORT"

  step "Admin key from the first start's output"
  KEY="$(docker logs "$CONTAINER" 2>/dev/null | grep -A1 -F 'No admin API key existed' | tail -n 1 | tr -d '[:space:]')"
  case "$KEY" in
    cat_*) ok "got a key (${KEY:0:8}…, ${#KEY} chars)" ;;
    *) fail "no admin key (a line starting with cat_) after 'No admin API key existed' in the container's output" ;;
  esac
  AUTH=(-H "Authorization: Bearer $KEY")

  step "Requests"
  expect 200 "GET /api/v1/services with the admin key" "${AUTH[@]}" "$BASE/api/v1/services"
  expect 401 "GET /api/v1/services without a key" "$BASE/api/v1/services"
  expect 401 "GET /api/v1/services with a wrong key" -H "Authorization: Bearer cat_not-a-real-key-000000000000" "$BASE/api/v1/services"
  body="$(curl -sS --max-time 10 "${AUTH[@]}" "$BASE/api/v1/services")" || fail "GET /api/v1/services failed"
  case "$body" in
    \{*) ok "the answer is JSON: ${body:0:80}" ;;
    *) fail "GET /api/v1/services did not answer a JSON object: ${body:0:200}" ;;
  esac

  step "Runs as uid $APP_UID, not root"
  cfg_user="$(docker inspect --format '{{.Config.User}}' "$CONTAINER")"
  [ "$cfg_user" = "$APP_UID" ] || [ "$cfg_user" = app ] || fail "image user is '$cfg_user', expected $APP_UID"
  exec_uid="$(docker exec "$CONTAINER" id -u)" || fail "docker exec id -u failed"
  [ "$exec_uid" = "$APP_UID" ] || fail "id -u in the container is $exec_uid, expected $APP_UID"
  pid1_uids="$(docker exec "$CONTAINER" sh -c "sed -n 's/^Uid:[[:space:]]*//p' /proc/1/status")"
  for u in $pid1_uids; do
    [ "$u" = "$APP_UID" ] || fail "the server process (pid 1) has uids '$pid1_uids', expected all $APP_UID"
  done
  pid1_cmd="$(docker exec "$CONTAINER" sh -c 'tr "\0" " " </proc/1/cmdline')"
  ok "user $cfg_user; id -u = $exec_uid; pid 1 ($pid1_cmd) uids: $pid1_uids"
  data_owner="$(docker exec "$CONTAINER" stat -c '%u:%g' /data)"
  [ "$data_owner" = "$APP_UID:$APP_UID" ] || fail "/data belongs to $data_owner, expected $APP_UID:$APP_UID"
  docker exec "$CONTAINER" test -s /data/catalog.db || fail "/data/catalog.db is missing or empty"
  ok "/data belongs to $data_owner and holds catalog.db"

  step "Create a service"
  SERVICE_ID="$(create_service "$BASE" storage "Authorization: Bearer $KEY")"
  ok "POST /api/v1/services -> created, id $SERVICE_ID"
  SERVICE='{"key":"storage","name":"Storage","summary":"Disk","category":"infra","owner":{"team":"Infra","contact":"i@example.com"},"kind":"supporting","cost":{"unit":"TB","unitCostPerMonth":20,"currency":"EUR"}}'
  expect 401 "POST /api/v1/services without a key" -H 'Content-Type: application/json' -d "$SERVICE" "$BASE/api/v1/services"

  step "docker restart keeps the data and the key"
  docker restart "$CONTAINER" >/dev/null || fail "docker restart failed"
  PORT="$(host_port "$CONTAINER")" # a restart may publish on another host port
  BASE="http://127.0.0.1:$PORT"
  t0=$(date +%s)
  wait_ready "$CONTAINER" "$PORT" 90
  ok "ready again after $(($(date +%s) - t0)) s on 127.0.0.1:$PORT"
  expect_service "$BASE" "$SERVICE_ID" storage "Authorization: Bearer $KEY" "after the restart, with the same key"
  expect 401 "GET /api/v1/services without a key, after the restart" "$BASE/api/v1/services"
  printed="$(docker logs "$CONTAINER" 2>/dev/null | grep -c -F 'No admin API key existed' || true)"
  [ "$printed" = 1 ] || fail "the admin key banner was printed $printed times; expected once (first start only)"
  ok "the key was printed once, on the first start only"

  step "Docker HEALTHCHECK reports healthy"
  [ -n "$(docker inspect --format '{{if .Config.Healthcheck}}{{.Config.Healthcheck.Test}}{{end}}' "$CONTAINER")" ] \
    || fail "the image has no HEALTHCHECK"
  wait_health "$CONTAINER" "$HEALTH_TIMEOUT"

  step "A key given through Auth__BootstrapAdminKey"
  GIVEN_KEY="cat_check-image-given-key-$(date +%s)-0123456789"
  docker volume create "$VOLUME2" >/dev/null
  docker run -d --name "$CONTAINER2" -v "$VOLUME2:/data" -p 127.0.0.1::8080 \
    -e "Auth__BootstrapAdminKey=$GIVEN_KEY" "$IMAGE" >/dev/null || fail "docker run (second container) failed"
  PORT2="$(host_port "$CONTAINER2")"
  CONTAINER_SAVED=$CONTAINER
  CONTAINER=$CONTAINER2 # so that fail() shows this container's logs
  wait_ready "$CONTAINER2" "$PORT2" 90
  expect 200 "GET /api/v1/services with the configured key" -H "Authorization: Bearer $GIVEN_KEY" "http://127.0.0.1:$PORT2/api/v1/services"
  if docker logs "$CONTAINER2" 2>&1 | grep -q -F 'No admin API key existed'; then
    fail "a key was generated although Auth__BootstrapAdminKey was set"
  fi
  ok "no key generated"
  CONTAINER=$CONTAINER_SAVED
}

# ---------------------------------------------------------------------------------------------- postgres
pg_ready() { # CONTAINER DB USER: pg_isready as Testcontainers runs it
  docker exec "$1" pg_isready --host localhost --dbname "$2" --username "$3" >/dev/null 2>&1
}

wait_pg() { # CONTAINER DB USER SECONDS
  local deadline=$(($(date +%s) + $4))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    pg_ready "$1" "$2" "$3" && return 0
    [ "$(docker inspect --format '{{.State.Running}}' "$1" 2>/dev/null)" = true ] || break
    sleep 1
  done
  CONTAINER=$1 # so that fail() shows this container's logs
  fail "PostgreSQL in $1 was not ready within $4 s"
}

check_postgres() {
  local pw key auth port base id code dumped deadline inits
  pw="$(random_hex 16)"
  key="cat_check-pg-$(random_hex 12)"
  auth="Authorization: Bearer $key"

  step "PostgreSQL ($PG_IMAGE) on network $PG_NET, volume $PG_VOLUME"
  docker image inspect "$PG_IMAGE" >/dev/null 2>&1 || fail "image $PG_IMAGE does not exist (run scripts/postgres-image.sh)"
  docker network create "$PG_NET" >/dev/null || fail "docker network create failed"
  docker volume create "$PG_VOLUME" >/dev/null
  docker run -d --name "$PG_DB" --network "$PG_NET" --network-alias db -v "$PG_VOLUME:/var/lib/postgresql/data" \
    -e POSTGRES_USER=catalog -e "POSTGRES_PASSWORD=$pw" -e POSTGRES_DB=catalog "$PG_IMAGE" >/dev/null \
    || fail "docker run $PG_IMAGE failed"
  wait_pg "$PG_DB" catalog catalog 60
  ok "pg_isready --host localhost --dbname catalog --username catalog"

  step "Start $IMAGE with Database__Provider=Postgres"
  CONTAINER=$PG_API # so that fail() shows this container's logs
  docker run -d --name "$PG_API" --network "$PG_NET" -p 127.0.0.1::8080 \
    -e Database__Provider=Postgres \
    -e "ConnectionStrings__Catalog=Host=db;Port=5432;Database=catalog;Username=catalog;Password=$pw" \
    -e "Auth__BootstrapAdminKey=$key" "$IMAGE" >/dev/null || fail "docker run (API on PostgreSQL) failed"
  port="$(host_port "$PG_API")"
  [ -n "$port" ] || fail "port 8080 is not published on 127.0.0.1 ($(docker port "$PG_API" 2>&1))"
  base="http://127.0.0.1:$port"
  t0=$(date +%s)
  wait_ready "$PG_API" "$port" 90
  ok "/health/ready -> 200 after $(($(date +%s) - t0)) s on 127.0.0.1:$port"
  expect 401 "GET /api/v1/services without a key" "$base/api/v1/services"
  expect 200 "GET /api/v1/services with the configured admin key" -H "$auth" "$base/api/v1/services"
  if docker logs "$PG_API" 2>&1 | grep -q -F 'No admin API key existed'; then
    fail "a key was generated although Auth__BootstrapAdminKey was set"
  fi

  step "Create a service; it is stored in PostgreSQL"
  id="$(create_service "$base" storage "$auth")"
  ok "POST /api/v1/services -> 201, id $id"
  expect_service "$base" "$id" storage "$auth" "right away"
  dumped="$(docker exec "$PG_DB" pg_dump --data-only --username catalog --dbname catalog 2>/dev/null | grep -c -F "$id" || true)"
  [ "${dumped:-0}" -gt 0 ] || fail "the service $id is not in PostgreSQL's data (pg_dump does not mention it)"
  if docker exec "$PG_API" test -e /data/catalog.db; then
    fail "the API wrote a SQLite database although Database__Provider=Postgres"
  fi
  ok "pg_dump of the catalog database mentions $id; no SQLite file in /data"

  step "docker restart of the API container keeps the service and the key"
  docker restart "$PG_API" >/dev/null || fail "docker restart $PG_API failed"
  port="$(host_port "$PG_API")"
  base="http://127.0.0.1:$port"
  t0=$(date +%s)
  wait_ready "$PG_API" "$port" 90
  ok "ready again after $(($(date +%s) - t0)) s"
  expect_service "$base" "$id" storage "$auth" "after the API restart"
  expect 401 "GET /api/v1/services without a key, after the restart" "$base/api/v1/services"

  step "PostgreSQL stopped: not ready; started again: ready, data kept"
  docker stop "$PG_DB" >/dev/null || fail "docker stop $PG_DB failed"
  deadline=$(($(date +%s) + 30))
  while :; do
    code="$(http_code "$base/health/ready")"
    [ "$code" = 503 ] && break
    [ "$(date +%s)" -lt "$deadline" ] || fail "/health/ready answered ${code:-nothing} 30 s after PostgreSQL stopped; expected 503"
    sleep 1
  done
  ok "/health/ready -> 503 while PostgreSQL is down"
  docker start "$PG_DB" >/dev/null || fail "docker start $PG_DB failed"
  wait_pg "$PG_DB" catalog catalog 60
  inits="$(docker logs "$PG_DB" 2>&1 | grep -c 'PostgreSQL init process complete' || true)"
  [ "$inits" = 1 ] || fail "PostgreSQL initialised its data folder $inits times; expected once (first start only)"
  t0=$(date +%s)
  wait_ready "$PG_API" "$port" 90
  ok "/health/ready -> 200 again $(($(date +%s) - t0)) s after PostgreSQL answered"
  expect_service "$base" "$id" storage "$auth" "after the PostgreSQL restart"
  CONTAINER=$RUN_ID
}

# ----------------------------------------------------------------------------------------------- compose
check_compose() {
  local pw key auth svc cid p1 p2 b1 b2 id1 id2 build_flag left log
  pw="$(random_hex 16)"
  key="cat_check-compose-$(random_hex 12)"
  auth="Authorization: Bearer $key"
  # What compose.yaml reads; empty ports: any free port on 127.0.0.1.
  export CATALOG_DB_PASSWORD="$pw" CATALOG_ADMIN_KEY="$key" CATALOG_POSTGRES_IMAGE="$PG_IMAGE" \
    CATALOG_API_IMAGE="$IMAGE" CATALOG_API_PORT_1="" CATALOG_API_PORT_2=""

  step "compose.yaml: up -d (project $COMPOSE_PROJECT)"
  compose config -q || fail "compose.yaml is not valid for $(docker compose version 2>/dev/null || docker-compose version --short)"
  build_flag=--build
  [ "${SKIP_BUILD:-0}" = 1 ] && build_flag=--no-build
  compose_started=1
  t0=$(date +%s)
  log="$(mktemp)"
  if ! compose_within "$COMPOSE_TIMEOUT" up -d "$build_flag" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    rm -f "$log"
    fail "compose up $build_flag failed or took more than $COMPOSE_TIMEOUT s"
  fi
  grep -v -E '^(Step |Sending build context| ---> |Removing intermediate|Successfully|DEPRECATED|  +(BuildKit|environment-variable)|$)' "$log" \
    | sed 's/^/   /' || true
  rm -f "$log"
  ok "up in $(($(date +%s) - t0)) s"
  for svc in db api-1 api-2; do
    cid="$(compose ps -q "$svc")"
    [ -n "$cid" ] || fail "compose has no container for $svc"
    wait_health "$cid" "$HEALTH_TIMEOUT" "$svc"
  done

  p1="$(compose port api-1 8080 | local_port)"
  p2="$(compose port api-2 8080 | local_port)"
  [ -n "$p1" ] && [ -n "$p2" ] || fail "the API instances are not published on 127.0.0.1 only ($(compose port api-1 8080), $(compose port api-2 8080))"
  b1="http://127.0.0.1:$p1"
  b2="http://127.0.0.1:$p2"
  ok "api-1 on 127.0.0.1:$p1, api-2 on 127.0.0.1:$p2"

  step "Both instances answer; what one writes the other reads"
  expect 200 "api-1: /health/ready" "$b1/health/ready"
  expect 200 "api-2: /health/ready" "$b2/health/ready"
  expect 401 "api-1: GET /api/v1/services without a key" "$b1/api/v1/services"
  expect 401 "api-2: GET /api/v1/services without a key" "$b2/api/v1/services"
  expect 200 "api-1: GET /api/v1/services with CATALOG_ADMIN_KEY" -H "$auth" "$b1/api/v1/services"
  expect 200 "api-2: GET /api/v1/services with CATALOG_ADMIN_KEY" -H "$auth" "$b2/api/v1/services"
  id1="$(create_service "$b1" storage "$auth")"
  ok "api-1: POST /api/v1/services -> 201, id $id1"
  expect_service "$b2" "$id1" storage "$auth" "through api-2"
  id2="$(create_service "$b2" network "$auth")"
  ok "api-2: POST /api/v1/services -> 201, id $id2"
  expect_service "$b1" "$id2" network "$auth" "through api-1"

  step "compose down -v"
  compose_within 120 down -v --remove-orphans >/dev/null 2>&1 || fail "compose down -v failed"
  compose_started=0
  left="$(docker ps -a -q --filter "label=com.docker.compose.project=$COMPOSE_PROJECT" | wc -l)"
  [ "$left" = 0 ] || fail "$left container(s) of $COMPOSE_PROJECT left after down -v"
  if docker volume ls -q | grep -q -F "${COMPOSE_PROJECT}_catalog-db"; then
    fail "the database volume is left after down -v"
  fi
  ok "no container or volume of $COMPOSE_PROJECT left"
}

# ------------------------------------------------------------------------------------------------- run
for PART in "${PARTS[@]}"; do
  "check_$PART"
  PASSED+=("$PART")
done
PART=finished

step "Image"
size="$(docker image inspect --format '{{.Size}}' "$IMAGE")"
printf '   %s: %s bytes (%s MB); base %s; %s %s\n' "$IMAGE" "$size" "$(awk -v s="$size" 'BEGIN{printf "%.1f", s/1e6}')" \
  "$(docker image inspect --format '{{.Size}}' mcr.microsoft.com/dotnet/aspnet:10.0 2>/dev/null | awk '{printf "%.1f MB", $1/1e6}')" \
  "$PG_IMAGE" "$(docker image inspect --format '{{.Size}}' "$PG_IMAGE" 2>/dev/null | awk '{printf "%.1f MB", $1/1e6}')"
docker image ls "$IMAGE"

summary PASS
if [ "${#PARTS[@]}" = 0 ]; then printf '\nNothing checked (every part skipped).\n'; else printf '\nPASS: all image checks passed.\n'; fi
