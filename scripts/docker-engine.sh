#!/usr/bin/env bash
# Makes Docker usable on this machine (Debian 12, as root), and does nothing when it already is:
#   - installs docker.io and debootstrap with apt-get when `dockerd` or `docker` is missing;
#   - installs Debian's docker-compose when neither `docker compose` nor `docker-compose` works;
#   - starts the daemon when it does not answer (systemctl where systemd runs, else `dockerd` in the
#     background, logging to /var/log/dockerd.log) and waits for `docker info`;
#   - works out whether clients must be pinned to the daemon's API version with DOCKER_API_VERSION.
#     Debian's docker.io 20.10 speaks API 1.41 at most. A Docker 28 CLI (e.g. in /usr/local/bin)
#     negotiates down and works without it; Testcontainers for .NET (Docker.DotNet) asks for API 1.44 and
#     fails with "client version 1.44 is too new" unless DOCKER_API_VERSION=1.41 is set. So with a daemon
#     older than API 1.44, DOCKER_API_VERSION is exported (sourced) or printed (--print-env).
#
# Usage:
#   scripts/docker-engine.sh              ensure; messages go to stderr
#   scripts/docker-engine.sh --print-env  ensure, then print `export DOCKER_API_VERSION=…` when clients
#                                         need it (for eval "$(scripts/docker-engine.sh --print-env)")
#   source scripts/docker-engine.sh       ensure, and export DOCKER_API_VERSION in the calling shell when
#                                         clients need it; returns non-zero on failure
# Takes well under a second when everything is already up.
#
# Environment:
#   DOCKERD_LOG      the daemon's log when started here (default /var/log/dockerd.log)
#   DOCKER_WAIT      seconds to wait for the daemon to answer (default 60)
#   SKIP_COMPOSE     1 does not check for or install a compose implementation
#   DOCKER_API_VERSION  when already set, it is kept (and checked)

_de_log() { printf '[docker-engine] %s\n' "$*" >&2; }
_de_die() { printf '[docker-engine] ERROR: %s\n' "$*" >&2; exit 1; }

_de_apt_updated=0
_de_apt_install() {
  if [ "$_de_apt_updated" = 0 ]; then
    _de_log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    _de_apt_updated=1
  fi
  _de_log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

_de_compose_works() {
  docker compose version >/dev/null 2>&1 || docker-compose version --short >/dev/null 2>&1
}

_de_ensure_packages() {
  local missing=()
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    missing+=(docker.io)
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
    [ "$(id -u)" = 0 ] || _de_die "docker is not installed; run as root to install docker.io"
    _de_apt_install "${missing[@]}"
  fi
}

# Debian 12 packages Compose v1 (docker-compose 1.29, Python) and not the v2 plugin; it talks to the
# daemon with API negotiation, so it works with docker.io 20.10.
# 0 when apt-get has a version of the package to install.
_de_installable() {
  local candidate
  candidate="$(apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p')"
  [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}

_de_ensure_compose() {
  [ "${SKIP_COMPOSE:-0}" = 1 ] && return 0
  _de_compose_works && return 0
  [ "$(id -u)" = 0 ] || _de_die "no compose implementation; run as root to install one"
  if ! _de_installable docker-compose && [ "$_de_apt_updated" = 0 ]; then
    # The package lists may be missing or stale (unless docker.io was just installed with fresh ones).
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    _de_apt_updated=1
  fi
  if _de_installable docker-compose; then
    _de_apt_install docker-compose
  elif _de_installable docker-compose-plugin; then
    _de_apt_install docker-compose-plugin
  else
    _de_die "neither docker-compose nor docker-compose-plugin can be installed with apt-get"
  fi
  _de_compose_works || _de_die "a compose implementation was installed but neither 'docker compose' nor 'docker-compose' works"
  _de_log "compose: $(docker compose version 2>/dev/null || docker-compose version --short 2>/dev/null)"
}

# 0 when the daemon answers on its socket (whatever the client's API version).
_de_daemon_answers() {
  local out
  out="$(docker version --format '{{.Server.APIVersion}}' 2>&1)" && return 0
  # A client newer than the daemon may refuse before negotiating; the daemon answered all the same.
  grep -q 'Maximum supported API version' <<<"$out"
}

_de_ensure_daemon() {
  _de_daemon_answers && return 0
  [ "$(id -u)" = 0 ] || _de_die "the Docker daemon does not answer; run as root to start it"
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    _de_log "starting docker with systemctl"
    systemctl start docker >/dev/null 2>&1 || true
  fi
  local logfile="${DOCKERD_LOG:-/var/log/dockerd.log}"
  if ! _de_daemon_answers && ! pgrep -x dockerd >/dev/null 2>&1; then
    _de_log "starting dockerd in the background (log: $logfile)"
    nohup setsid dockerd >>"$logfile" 2>&1 </dev/null &
  fi
  local wait="${DOCKER_WAIT:-60}" t0=$SECONDS
  while [ $((SECONDS - t0)) -lt "$wait" ]; do
    if _de_daemon_answers; then
      _de_log "the daemon answers after $((SECONDS - t0)) s"
      return 0
    fi
    sleep 1
  done
  docker info >&2 || true
  _de_die "the Docker daemon did not answer within $wait s (see $logfile)"
}

# Prints the API version clients must be pinned to (DOCKER_API_VERSION), or nothing when none is needed.
# Two kinds of client need it with an older daemon such as docker.io 20.10 (API 1.41):
#   - a docker CLI that does not negotiate down: `docker version` then fails with "client version … is too
#     new. Maximum supported API version is …";
#   - Docker.DotNet, as used by Testcontainers for .NET 4.x: it asks for API 1.44 whatever the daemon
#     speaks, and honours DOCKER_API_VERSION. A Docker 28 CLI negotiates and would work without it.
_DE_DOTNET_API=1.44
_de_needed_api_version() {
  local out server
  if out="$(docker version --format '{{.Server.APIVersion}}' 2>&1)"; then
    server="$out"
  else
    server="$(sed -n 's/.*Maximum supported API version is \([0-9.]*\).*/\1/p' <<<"$out" | head -n 1)"
    [ -z "$server" ] || echo "$server"
    return 0
  fi
  if [ -n "$server" ] && [ "$server" != "$_DE_DOTNET_API" ] \
    && [ "$(printf '%s\n%s\n' "$server" "$_DE_DOTNET_API" | sort -V | head -n 1)" = "$server" ]; then
    echo "$server"
  fi
}

_de_ensure() {
  _de_ensure_packages
  _de_ensure_daemon
  _de_ensure_compose
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: the work runs in a child bash (so that its `set -e` holds whatever the caller's shell
  # options, and its `exit` stays there); only DOCKER_API_VERSION is exported in the caller.
  if _DE_SOURCED=1 "${BASH:-bash}" "${BASH_SOURCE[0]}"; then
    _de_api="$(_de_needed_api_version)"
    if [ -n "$_de_api" ]; then
      [ "${DOCKER_API_VERSION:-}" = "$_de_api" ] \
        || _de_log "exported DOCKER_API_VERSION=$_de_api (the daemon's API version; Docker.DotNet asks for $_DE_DOTNET_API)"
      export DOCKER_API_VERSION="$_de_api"
    fi
    unset _de_api
  else
    return 1
  fi
else
  set -euo pipefail
  _de_ensure
  api="$(_de_needed_api_version)"
  if [ -n "$api" ] && [ "${_DE_SOURCED:-0}" != 1 ]; then
    [ "${DOCKER_API_VERSION:-}" = "$api" ] || _de_log "clients such as Testcontainers need DOCKER_API_VERSION=$api with this daemon (API $api < $_DE_DOTNET_API): export it, or source this script"
    if [ "${1:-}" = --print-env ]; then printf 'export DOCKER_API_VERSION=%s\n' "$api"; fi
  fi
fi
