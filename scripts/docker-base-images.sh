#!/usr/bin/env bash
# Makes the Dockerfile's base images available locally:
#   mcr.microsoft.com/dotnet/sdk:10.0           (build stage)
#   mcr.microsoft.com/dotnet/aspnet:10.0        (runtime stage: the .NET and ASP.NET Core runtimes)
#
# For each image: if it is already in the local image store, nothing is done; otherwise a `docker pull`
# is tried; if the registry cannot be reached, a local stand-in is built under the official name from a
# Debian bookworm minbase root (debootstrap) with what .NET needs from the system; the aspnet stand-in adds
# the .NET and ASP.NET Core runtimes of this machine's .NET installation, the sdk stand-in all of it. The
# stand-ins behave like the official images where the Dockerfile relies on them: `dotnet` on PATH and the
# runtimes under /usr/share/dotnet, a user `app` with uid/gid 1654 and home /home/app, root as the default
# user, the official environment variables.
#
# Idempotent: a second run only checks that the tags exist. Docker itself is set up by
# scripts/docker-engine.sh (installs docker.io and starts dockerd when missing); debootstrap is installed
# when a stand-in has to be built (Debian, as root).
#
# Environment:
#   DOTNET_CHANNEL   image tag / .NET major.minor (default 10.0)
#   DOTNET_SOURCE    .NET installation to copy (default: the one `dotnet` on PATH runs, else /usr/share/dotnet)
#   DEBIAN_MIRROR    default http://deb.debian.org/debian
#   SECURITY_UPDATES 1 (default) also applies bookworm-updates and bookworm-security; 0 skips that
#   FORCE            1 rebuilds the stand-ins even when the tags exist (never replaces pulled real images
#                    unless they are missing)
#   NO_PULL          1 skips the `docker pull` attempt
#   HOST_CA_CERTS    1 (default) lets the sdk stand-in trust the CA certificates added locally on this host
#                    (e.g. a TLS-inspecting egress proxy's), so that NuGet restore works in `docker build`;
#                    NUGET_CERT_REVOCATION_MODE, when set here, is passed on to the sdk stand-in too
#   WORK_DIR         scratch folder (default /var/tmp/catalog-images); emptied after each build
set -euo pipefail

CHANNEL="${DOTNET_CHANNEL:-10.0}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SECURITY_UPDATES="${SECURITY_UPDATES:-1}"
FORCE="${FORCE:-0}"
NO_PULL="${NO_PULL:-0}"
WORK="${WORK_DIR:-/var/tmp/catalog-images}"
SUITE=bookworm
APP_UID=1654
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

SDK_IMAGE="mcr.microsoft.com/dotnet/sdk:${CHANNEL}"
ASPNET_IMAGE="mcr.microsoft.com/dotnet/aspnet:${CHANNEL}"

log() { printf '[base-images] %s\n' "$*" >&2; }
die() { printf '[base-images] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (needs apt-get, dockerd, debootstrap and chroot)"

# ---------------------------------------------------------------------------------------------- docker
# shellcheck source=scripts/lib/standin-image.sh
source "$SCRIPT_DIR/lib/standin-image.sh"

# Docker installed, its daemon answering (and DOCKER_API_VERSION exported should the client need it).
# shellcheck source=scripts/docker-engine.sh
source "$SCRIPT_DIR/docker-engine.sh" || die "Docker is not usable (scripts/docker-engine.sh failed)"
mkdir -p "$WORK"
exec 9>"$WORK/.lock"
flock 9 # one run at a time: a second one waits, then finds the images

need_sdk=0
need_aspnet=0
image_present_or_pulled "$ASPNET_IMAGE" || need_aspnet=1
image_present_or_pulled "$SDK_IMAGE" || need_sdk=1
if [ "$need_sdk" = 0 ] && [ "$need_aspnet" = 0 ]; then
  log "nothing to do"
  exit 0
fi

# ------------------------------------------------------------------------------------------ .NET source
# Both stand-ins carry .NET from this machine's installation: the aspnet one its runtimes, the sdk one all of it.
if [ "$need_sdk" = 1 ] || [ "$need_aspnet" = 1 ]; then
  if [ -z "${DOTNET_SOURCE:-}" ]; then
    if command -v dotnet >/dev/null 2>&1; then
      DOTNET_SOURCE="$(dirname "$(readlink -f "$(command -v dotnet)")")"
    else
      DOTNET_SOURCE=/usr/share/dotnet
    fi
  fi
  [ -x "$DOTNET_SOURCE/dotnet" ] || die "no .NET installation at $DOTNET_SOURCE (set DOTNET_SOURCE)"

  latest_version() { # DIR PREFIX -> highest version folder in DIR starting with PREFIX.
    find "$1" -mindepth 1 -maxdepth 1 -type d -name "$2.*" -printf '%f\n' 2>/dev/null | sort -V | tail -n 1
  }
  RUNTIME_VERSION="$(latest_version "$DOTNET_SOURCE/shared/Microsoft.NETCore.App" "$CHANNEL")"
  ASPNET_VERSION="$(latest_version "$DOTNET_SOURCE/shared/Microsoft.AspNetCore.App" "$CHANNEL")"
  SDK_VERSION="$(find "$DOTNET_SOURCE/sdk" -mindepth 1 -maxdepth 1 -type d -name "${CHANNEL%.*}.*" -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$RUNTIME_VERSION" ] || die "$DOTNET_SOURCE has no Microsoft.NETCore.App $CHANNEL.x runtime"
  [ -n "$ASPNET_VERSION" ] || die "$DOTNET_SOURCE has no Microsoft.AspNetCore.App $CHANNEL.x runtime"
  [ "$need_sdk" = 0 ] || [ -n "$SDK_VERSION" ] || die "$DOTNET_SOURCE has no ${CHANNEL%.*}.x SDK"
  log ".NET from $DOTNET_SOURCE: runtime $RUNTIME_VERSION, ASP.NET Core $ASPNET_VERSION, SDK $SDK_VERSION"
fi

# ------------------------------------------------------------------------------------------- root fs
# shellcheck source=scripts/lib/debian-root.sh
source "$SCRIPT_DIR/lib/debian-root.sh"
ensure_debootstrap
ROOT="$WORK/rootfs"

trap remove_root EXIT
remove_root # a previous run that was killed may have left a root behind

# What the official runtime-deps image installs for Debian 12, less what minbase already has
# (libc6, libgcc-s1, libstdc++6, zlib1g): TLS (libssl3), the trust store for NuGet/HTTPS
# (ca-certificates), time zones (tzdata) and ICU for globalization (libicu72; the SDK needs it,
# apps with InvariantGlobalization do not).
PACKAGES=ca-certificates,libicu72,libssl3,tzdata
debootstrap_root "$PACKAGES"
apply_debian_updates

# The official images' unprivileged user.
in_root groupadd --gid "$APP_UID" app
in_root useradd --no-log-init --uid "$APP_UID" --gid "$APP_UID" --create-home --home-dir /home/app --shell /bin/sh app

slim_root

COMMON_CHANGES=(
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  --change "ENV APP_UID=$APP_UID"
  --change "ENV ASPNETCORE_HTTP_PORTS=8080"
  --change "ENV DOTNET_RUNNING_IN_CONTAINER=true"
  --change "USER root"
  --change "WORKDIR /"
  --change 'CMD ["bash"]'
  --change "LABEL $STANDIN_LABEL=scripts/docker-base-images.sh"
)

import_root() { # TAG extra --change args...
  local tag=$1
  shift
  local t=$SECONDS old
  old="$(image_id "$tag")"
  log "importing $tag"
  tar --numeric-owner --xattrs -C "$ROOT" -c . \
    | docker import "${COMMON_CHANGES[@]}" "$@" - "$tag" >/dev/null
  drop_replaced_image "$tag" "$old"
  log "$tag: built in $((SECONDS - t)) s, $(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}')"
}

# Smoke test: the image runs as the app user and, given arguments, runs `dotnet` with them.
smoke() { # TAG [ARGS...]
  local tag=$1
  shift
  local problem=""
  if [ "$#" -gt 0 ] && ! docker run --rm --network none --user app "$tag" dotnet "$@" >/dev/null; then
    problem="it does not run 'dotnet $*'"
  elif [ "$(docker run --rm --network none --user app "$tag" id -u)" != "$APP_UID" ]; then
    problem="its user app is not uid $APP_UID"
  fi
  if [ -n "$problem" ]; then
    docker image rm "$tag" >/dev/null 2>&1 || true # so that the next run does not take it as done
    die "$tag: $problem; the tag was removed"
  fi
}

# Copies into the root the CA certificates added locally on this host the Debian way
# (/usr/local/share/ca-certificates/**/*.crt), then updates the root's trust store. Prints how many.
add_host_ca_certs() {
  local src=/usr/local/share/ca-certificates n
  n="$(find "$src" -type f -name '*.crt' 2>/dev/null | wc -l)"
  if [ "$n" -gt 0 ]; then
    mkdir -p "$ROOT$src"
    cp -a "$src/." "$ROOT$src/" || die "could not copy $src"
    in_root update-ca-certificates >/dev/null 2>&1 || die "update-ca-certificates in the new root failed"
  fi
  echo "$n"
}

# The runtimes as the official aspnet image lays them out: the host, its resolver and the two shared frameworks.
DN="$ROOT/usr/share/dotnet"
mkdir -p "$DN/shared"
cp -a "$DOTNET_SOURCE/dotnet" "$DOTNET_SOURCE/host" "$DN/"
cp -a "$DOTNET_SOURCE"/LICENSE.txt "$DOTNET_SOURCE"/ThirdPartyNotices.txt "$DN/" 2>/dev/null || true
for framework in "Microsoft.NETCore.App/$RUNTIME_VERSION" "Microsoft.AspNetCore.App/$ASPNET_VERSION"; do
  mkdir -p "$DN/shared/${framework%/*}"
  cp -a "$DOTNET_SOURCE/shared/$framework" "$DN/shared/$framework"
done
ln -sf /usr/share/dotnet/dotnet "$ROOT/usr/bin/dotnet"

if [ "$need_aspnet" = 1 ]; then
  import_root "$ASPNET_IMAGE" \
    --change "LABEL $STANDIN_LABEL.dotnet=$RUNTIME_VERSION" \
    --change "ENV DOTNET_VERSION=$RUNTIME_VERSION" \
    --change "ENV ASPNET_VERSION=$ASPNET_VERSION"
  smoke "$ASPNET_IMAGE" --list-runtimes
fi

if [ "$need_sdk" = 1 ]; then
  # The whole SDK on top of the same root.
  cp -a "$DOTNET_SOURCE"/. "$DN/"
  rm -rf "$DN/metadata" # written by the host's CLI at run time (workload state), not part of the install
  sdk_changes=()
  # The build stage restores from NuGet over HTTPS. Where this machine reaches the internet through a
  # TLS-inspecting egress proxy, the host trusts that proxy's CA (a local CA certificate) and sets
  # NUGET_CERT_REVOCATION_MODE=offline (revocation servers are unreachable: each package signature check
  # would wait for a time-out). The SDK stand-in inherits both, so that `docker build` restores as the host
  # does. The aspnet stand-in, and so the app image, keeps Debian's plain trust store.
  if [ "${HOST_CA_CERTS:-1}" = 1 ]; then
    n="$(add_host_ca_certs)" || die "could not add the host's CA certificates"
    if [ "$n" -gt 0 ]; then
      log "sdk stand-in: trusts $n CA certificate(s) added locally on this host (HOST_CA_CERTS=0 skips)"
      sdk_changes+=(--change "LABEL $STANDIN_LABEL.host-ca-certs=$n")
    fi
  fi
  if [ -n "${NUGET_CERT_REVOCATION_MODE:-}" ]; then
    log "sdk stand-in: NUGET_CERT_REVOCATION_MODE=$NUGET_CERT_REVOCATION_MODE, as on this host"
    sdk_changes+=(--change "ENV NUGET_CERT_REVOCATION_MODE=$NUGET_CERT_REVOCATION_MODE")
  fi
  import_root "$SDK_IMAGE" "${sdk_changes[@]}" \
    --change "LABEL $STANDIN_LABEL.dotnet=$SDK_VERSION" \
    --change "ENV DOTNET_ROOT=/usr/share/dotnet" \
    --change "ENV DOTNET_VERSION=$RUNTIME_VERSION" \
    --change "ENV ASPNET_VERSION=$ASPNET_VERSION" \
    --change "ENV DOTNET_SDK_VERSION=$SDK_VERSION" \
    --change "ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false" \
    --change "ENV DOTNET_NOLOGO=true" \
    --change "ENV DOTNET_USE_POLLING_FILE_WATCHER=true" \
    --change "ENV NUGET_XMLDOC_MODE=skip"
  smoke "$SDK_IMAGE" --info
fi

log "done"
docker image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep -F "mcr.microsoft.com/dotnet/" >&2 || true
