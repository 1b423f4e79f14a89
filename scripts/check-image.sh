#!/usr/bin/env bash
# Builds the Catalog API's container image from the repository's Dockerfile and checks that it works:
# ready endpoint, the admin key printed on first start, authenticated (200) and anonymous (401) requests,
# the non-root user (uid 1654), data kept on the volume across `docker restart`, the same key still
# valid after it, a key given through Auth__BootstrapAdminKey, and docker's HEALTHCHECK reporting
# `healthy`. Containers and volumes it creates are removed at the end; the image is kept.
#
# Usage: scripts/check-image.sh            (as root, or a user allowed to use docker)
# Environment:
#   IMAGE                 tag to build (default catalog-api:check)
#   SKIP_BUILD=1          check an existing IMAGE without building it
#   NO_CACHE=1            docker build --no-cache (a cold build, for timing)
#   SKIP_BASE_IMAGES=1    do not run scripts/docker-base-images.sh first
#   DOCKER_BUILD_NETWORK  e.g. host: passed to `docker build --network` (when the default bridge cannot
#                         reach NuGet); proxy variables of this shell are passed as build args
#   HEALTH_TIMEOUT        seconds to wait for docker to report `healthy` (default 120)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"
IMAGE="${IMAGE:-catalog-api:check}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-120}"
APP_UID=1654
RUN_ID="catalog-check-$$"
CONTAINER="$RUN_ID"
VOLUME="$RUN_ID-data"
CONTAINER2="$RUN_ID-env"
VOLUME2="$RUN_ID-env-data"

step() { printf '\n== %s\n' "$*"; }
ok() { printf '   ok: %s\n' "$*"; }
fail() {
  printf '\nFAILED: %s\n' "$*" >&2
  if docker inspect "$CONTAINER" >/dev/null 2>&1; then
    printf -- '--- state of %s: %s\n--- last log lines:\n' "$CONTAINER" \
      "$(docker inspect --format '{{.State.Status}} exit={{.State.ExitCode}} health={{if .State.Health}}{{.State.Health.Status}}{{end}}' "$CONTAINER")" >&2
    docker logs --tail 40 "$CONTAINER" 2>&1 | sed -e 's/cat_[A-Za-z0-9_-]*/cat_<redacted>/g' >&2 || true
    if [ "$(docker inspect --format '{{.State.Status}}:{{.State.ExitCode}}' "$CONTAINER")" = exited:0 ]; then
      printf -- '--- exit 0 after "Application is shutting down..." is a graceful stop: the server got SIGTERM or\n' >&2
      printf -- '    SIGINT. This script sends none; look for a `pkill -f dotnet`/`pkill -f Catalog.Api` on this host\n' >&2
      printf -- '    (container processes are visible to, and signalled by, host-wide pkill/killall).\n' >&2
    fi
  fi
  exit 1
}

cleanup() {
  local rc=$?
  docker rm -f -v "$CONTAINER" "$CONTAINER2" >/dev/null 2>&1 || true
  docker volume rm -f "$VOLUME" "$VOLUME2" >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v curl >/dev/null 2>&1 || fail "curl is required"

# ------------------------------------------------------------------------------------------------ build
if [ "${SKIP_BASE_IMAGES:-0}" != 1 ]; then
  step "Base images"
  "$SCRIPT_DIR/docker-base-images.sh"
fi
docker info >/dev/null 2>&1 || fail "the Docker daemon does not answer (run scripts/docker-base-images.sh)"

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

# ----------------------------------------------------------------------------------------------- checks
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

host_port() { # CONTAINER -> the host port that 8080 is published on
  docker port "$1" 8080/tcp | sed -n 's/^127\.0\.0\.1:\([0-9]*\)$/\1/p' | head -n 1
}

expect() { # EXPECTED_CODE DESCRIPTION CURL_ARGS...
  local want=$1 what=$2 got
  shift 2
  got="$(http_code "$@")"
  [ "$got" = "$want" ] || fail "$what: expected HTTP $want, got ${got:-no answer}"
  ok "$what -> $want"
}

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
SERVICE='{"key":"storage","name":"Storage","summary":"Disk","category":"infra","owner":{"team":"Infra","contact":"i@example.com"},"kind":"supporting","cost":{"unit":"TB","unitCostPerMonth":20,"currency":"EUR"}}'
created="$(curl -sS --max-time 10 -w '\n%{http_code}' "${AUTH[@]}" -H 'Content-Type: application/json' \
  -d "$SERVICE" "$BASE/api/v1/services")" || fail "POST /api/v1/services failed"
code="$(tail -n 1 <<<"$created")"
created="$(sed '$d' <<<"$created")"
[ "$code" = 201 ] || [ "$code" = 200 ] || fail "POST /api/v1/services: expected 201, got $code: ${created:0:300}"
SERVICE_ID="$(grep -o '"id":"[0-9a-fA-F-]\{36\}"' <<<"$created" | head -n 1 | cut -d'"' -f4)"
[ -n "$SERVICE_ID" ] || fail "the created service has no id: ${created:0:300}"
ok "POST /api/v1/services -> $code, id $SERVICE_ID"
expect 401 "POST /api/v1/services without a key" -H 'Content-Type: application/json' -d "$SERVICE" "$BASE/api/v1/services"

step "docker restart keeps the data and the key"
docker restart "$CONTAINER" >/dev/null || fail "docker restart failed"
PORT="$(host_port "$CONTAINER")" # a restart may publish on another host port
BASE="http://127.0.0.1:$PORT"
t0=$(date +%s)
wait_ready "$CONTAINER" "$PORT" 90
ok "ready again after $(($(date +%s) - t0)) s on 127.0.0.1:$PORT"
expect 200 "GET /api/v1/services/$SERVICE_ID with the same key" "${AUTH[@]}" "$BASE/api/v1/services/$SERVICE_ID"
listed="$(curl -sS --max-time 10 "${AUTH[@]}" "$BASE/api/v1/services?key=storage")" || fail "GET ?key=storage failed"
grep -q '"key":"storage"' <<<"$listed" || fail "the service 'storage' is gone after the restart: ${listed:0:300}"
ok "'storage' is still listed"
expect 401 "GET /api/v1/services without a key, after the restart" "$BASE/api/v1/services"
printed="$(docker logs "$CONTAINER" 2>/dev/null | grep -c -F 'No admin API key existed' || true)"
[ "$printed" = 1 ] || fail "the admin key banner was printed $printed times; expected once (first start only)"
ok "the key was printed once, on the first start only"

step "Docker HEALTHCHECK reports healthy"
[ -n "$(docker inspect --format '{{if .Config.Healthcheck}}{{.Config.Healthcheck.Test}}{{end}}' "$CONTAINER")" ] \
  || fail "the image has no HEALTHCHECK"
deadline=$(($(date +%s) + HEALTH_TIMEOUT))
t0=$(date +%s)
while :; do
  health="$(docker inspect --format '{{.State.Health.Status}}' "$CONTAINER")"
  [ "$health" = healthy ] && break
  if [ "$health" = unhealthy ] || [ "$(date +%s)" -ge "$deadline" ]; then
    docker inspect --format '{{range .State.Health.Log}}exit {{.ExitCode}}: {{.Output}}{{"\n"}}{{end}}' "$CONTAINER" >&2
    fail "health status is '$health' after $(($(date +%s) - t0)) s"
  fi
  sleep 2
done
ok "healthy after $(($(date +%s) - t0)) s (since the restart's ready)"

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

step "Image"
size="$(docker image inspect --format '{{.Size}}' "$IMAGE")"
printf '   %s: %s bytes (%s MB); base %s\n' "$IMAGE" "$size" "$(awk -v s="$size" 'BEGIN{printf "%.1f", s/1e6}')" \
  "$(docker image inspect --format '{{.Size}}' mcr.microsoft.com/dotnet/aspnet:10.0 2>/dev/null | awk '{printf "%.1f MB", $1/1e6}')"
docker image ls "$IMAGE"

printf '\nAll image checks passed.\n'
