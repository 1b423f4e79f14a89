#!/usr/bin/env bash
# Makes the PostgreSQL image that the Catalog's PostgreSQL setup runs on (compose.yaml, the image check,
# the integration tests) available locally, under the name ${CATALOG_POSTGRES_IMAGE:-postgres:15}.
#
# If the image is already in the local image store, nothing is done. Otherwise a `docker pull` is tried;
# if the registry cannot be reached, a local stand-in is built under that same name: Debian bookworm
# minbase (debootstrap) with Debian's postgresql-15, and an entrypoint that behaves like the official
# image's where the project relies on it:
#   - POSTGRES_USER (default postgres), POSTGRES_PASSWORD, POSTGRES_DB (default: the user), PGDATA
#     (default /var/lib/postgresql/data), POSTGRES_INITDB_ARGS, POSTGRES_HOST_AUTH_METHOD (default
#     scram-sha-256), the *_FILE variants of the first four, and /docker-entrypoint-initdb.d/ scripts;
#   - the cluster is initialised on the first start only (UTF-8, en_US.utf8, listen_addresses='*',
#     pg_hba: local and loopback trust, `host all all all scram-sha-256`), then the server runs as the
#     postgres user (uid/gid 999) as pid 1;
#   - arguments pass through: `docker run IMAGE -c fsync=off` and `docker run IMAGE postgres -c x=y` both
#     start the server with those settings; any other command runs as given;
#   - postgres, initdb, pg_ctl, psql and pg_isready on PATH; EXPOSE 5432, VOLUME PGDATA, STOPSIGNAL SIGINT.
# The stand-in carries the label catalog.local-standin (as the .NET base-image stand-ins do).
#
# Idempotent and quick when the image exists. After a build, the image is checked (password over TCP,
# `-c` pass-through, pg_isready as Testcontainers runs it, data kept across stop/start); a failed check
# removes the tag.
#
# Usage: scripts/postgres-image.sh      (as root: needs apt-get, dockerd, debootstrap and chroot)
# Environment:
#   CATALOG_POSTGRES_IMAGE  image name (default postgres:15); the stand-in is always PostgreSQL 15
#   DEBIAN_MIRROR           default http://deb.debian.org/debian
#   SECURITY_UPDATES        1 (default) also applies bookworm-updates and bookworm-security; 0 skips that
#   FORCE                   1 rebuilds the stand-in even when the tag exists (never replaces a pulled image)
#   NO_PULL                 1 skips the `docker pull` attempt
#   PULL_TIMEOUT            seconds the pull may take (default 120)
#   VERIFY                  1 runs the image check even when the image was already there
#   WORK_DIR                scratch folder (default /var/tmp/catalog-images/postgres); emptied after a build
set -euo pipefail

IMAGE="${CATALOG_POSTGRES_IMAGE:-postgres:15}"
PG_MAJOR=15
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SECURITY_UPDATES="${SECURITY_UPDATES:-1}"
FORCE="${FORCE:-0}"
NO_PULL="${NO_PULL:-0}"
PULL_TIMEOUT="${PULL_TIMEOUT:-120}"
VERIFY="${VERIFY:-0}"
WORK="${WORK_DIR:-/var/tmp/catalog-images/postgres}"
SUITE=bookworm
PG_UID=999 # the official image's postgres uid/gid, so that volumes are interchangeable
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CHECK_CONTAINER="catalog-pg-image-check-$$"

log() { printf '[postgres-image] %s\n' "$*" >&2; }
die() { printf '[postgres-image] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (needs apt-get, dockerd, debootstrap and chroot)"

# shellcheck source=scripts/lib/standin-image.sh
source "$SCRIPT_DIR/lib/standin-image.sh"

# ------------------------------------------------------------------------------------------- the check
# Starts the image the way Testcontainers and compose.yaml do, and checks what they rely on.
check_image() {
  local c=$CHECK_CONTAINER ip i out
  docker rm -f "$c" >/dev/null 2>&1 || true
  docker run -d --name "$c" -e POSTGRES_USER=check -e POSTGRES_PASSWORD=check-pw -e POSTGRES_DB=checkdb \
    "$IMAGE" -c fsync=off -c max_connections=42 >/dev/null || { echo "docker run failed"; return 1; }
  wait_pg "$c" || return 1
  ip="$(docker inspect --format '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$c")"
  # A connection from the container's own address is not loopback: it goes through scram-sha-256.
  out="$(docker exec -e PGPASSWORD=check-pw "$c" psql -h "$ip" -U check -d checkdb -tAc \
    "select current_setting('fsync') || ',' || current_setting('max_connections') || ',' || pg_encoding_to_char(encoding) from pg_database where datname = current_database()" 2>&1)" \
    || { echo "psql with the password over TCP failed: $out"; return 1; }
  [ "$out" = "off,42,UTF8" ] || { echo "expected 'off,42,UTF8' (settings passed as arguments, UTF-8), got '$out'"; return 1; }
  if docker exec -e PGPASSWORD=wrong "$c" psql -h "$ip" -U check -d checkdb -tAc 'select 1' >/dev/null 2>&1; then
    echo "a wrong password was accepted over TCP"
    return 1
  fi
  docker exec "$c" psql -U check -d checkdb -qc 'create table kept (v text); insert into kept values ($$yes$$)' >/dev/null \
    || { echo "could not write"; return 1; }
  docker stop "$c" >/dev/null && docker start "$c" >/dev/null || { echo "stop/start failed"; return 1; }
  wait_pg "$c" || return 1
  out="$(docker exec "$c" psql -U check -d checkdb -tAc 'select v from kept' 2>&1)"
  [ "$out" = yes ] || { echo "the data did not survive stop/start: $out"; return 1; }
  i="$(docker logs "$c" 2>&1 | grep -c 'PostgreSQL init process complete' || true)"
  [ "$i" = 1 ] || { echo "the cluster was initialised $i times; expected once"; return 1; }
  out="$(docker run --rm --network none "$IMAGE" postgres --version 2>&1)" || { echo "'postgres --version' failed: $out"; return 1; }
  case "$out" in "postgres (PostgreSQL) $PG_MAJOR."*) ;; *) echo "unexpected 'postgres --version': $out"; return 1 ;; esac
  docker rm -f -v "$c" >/dev/null 2>&1 || true
}

wait_pg() { # CONTAINER: until pg_isready answers as Testcontainers asks it (60 s at most)
  local c=$1 i
  for i in $(seq 1 120); do
    if docker exec "$c" pg_isready --host localhost --dbname checkdb --username check >/dev/null 2>&1; then
      return 0
    fi
    [ "$(docker inspect --format '{{.State.Running}}' "$c" 2>/dev/null)" = true ] || break
    sleep 0.5
  done
  echo "pg_isready did not succeed within 60 s; last log lines:"
  docker logs --tail 20 "$c" 2>&1
  return 1
}

run_check() {
  local t0=$SECONDS problem
  log "$IMAGE: checking it (start, password over TCP, -c settings, pg_isready, stop/start keeps data)"
  if ! problem="$(check_image)"; then
    docker rm -f -v "$CHECK_CONTAINER" >/dev/null 2>&1 || true
    printf '%s\n' "$problem" >&2
    if is_standin "$IMAGE"; then
      docker image rm "$IMAGE" >/dev/null 2>&1 || true # so that the next run does not take it as done
      die "$IMAGE: the check failed; the stand-in's tag was removed"
    fi
    die "$IMAGE: the check failed"
  fi
  log "$IMAGE: check passed in $((SECONDS - t0)) s"
}

# ------------------------------------------------------------------------------------------ present?
# shellcheck source=scripts/docker-engine.sh
source "$SCRIPT_DIR/docker-engine.sh" || die "Docker is not usable (scripts/docker-engine.sh failed)"

mkdir -p "$WORK"
exec 9>"$WORK/.lock"
flock 9 # one run at a time: a second one waits, then finds the image

if image_present_or_pulled "$IMAGE"; then
  if [ "$VERIFY" = 1 ]; then run_check; fi
  exit 0
fi

tag="${IMAGE##*:}"
if [ "$tag" != "$IMAGE" ] && [[ "$tag" =~ ^[0-9] ]] && [ "${tag%%[!0-9]*}" != "$PG_MAJOR" ]; then
  die "$IMAGE asks for PostgreSQL ${tag%%[!0-9]*}; the stand-in can only be PostgreSQL $PG_MAJOR (Debian $SUITE)"
fi

# ------------------------------------------------------------------------------------------- root fs
# shellcheck source=scripts/lib/debian-root.sh
source "$SCRIPT_DIR/lib/debian-root.sh"
ensure_debootstrap
ROOT="$WORK/rootfs"

cleanup() {
  docker rm -f -v "$CHECK_CONTAINER" >/dev/null 2>&1 || true
  remove_root
}
trap cleanup EXIT
cleanup # a previous run that was killed may have left a root behind

# postgresql-15 brings postgresql-common and the client; locales provides en_US.UTF-8, the official
# image's locale (it decides the default collation of new databases).
PACKAGES="postgresql-$PG_MAJOR,locales"
debootstrap_root "$PACKAGES"

# Debian's packaging creates a cluster 15/main at install time; the image initialises its own in PGDATA.
rm -rf "$ROOT/etc/postgresql/$PG_MAJOR" "$ROOT/var/lib/postgresql/$PG_MAJOR"
# No service may start in the root while packages are upgraded.
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod 755 "$ROOT/usr/sbin/policy-rc.d"

apply_debian_updates
# An upgrade of postgresql-15 creates the packaged cluster again.
rm -rf "$ROOT/etc/postgresql/$PG_MAJOR" "$ROOT/var/lib/postgresql/$PG_MAJOR"
rm -f "$ROOT/usr/sbin/policy-rc.d"

PG_VERSION="$(in_root dpkg-query -W -f '${Version}' "postgresql-$PG_MAJOR")"
log "postgresql-$PG_MAJOR $PG_VERSION"

# The official image's postgres user and group: 999:999, home /var/lib/postgresql.
old_uid="$(in_root id -u postgres)"
old_gid="$(in_root id -g postgres)"
if [ "$old_uid" != "$PG_UID" ] || [ "$old_gid" != "$PG_UID" ]; then
  if in_root getent passwd "$PG_UID" >/dev/null || in_root getent group "$PG_UID" >/dev/null; then
    die "uid or gid $PG_UID is taken in the root; cannot give it to postgres"
  fi
  in_root groupmod -g "$PG_UID" postgres
  in_root usermod -u "$PG_UID" -g "$PG_UID" postgres
  find "$ROOT" -xdev -uid "$old_uid" -exec chown -h "$PG_UID" {} +
  find "$ROOT" -xdev -gid "$old_gid" -exec chgrp -h "$PG_UID" {} +
fi

# en_US.UTF-8, as the official image generates it.
in_root localedef -i en_US -c -f UTF-8 -A /usr/share/locale/locale.alias en_US.UTF-8

# listen_addresses = '*' in every cluster initdb creates.
sample="$ROOT/usr/share/postgresql/$PG_MAJOR/postgresql.conf.sample"
[ -f "$sample" ] || die "no $sample in the root"
sed -ri "s!^#?(listen_addresses)\s*=\s*\S+.*!\1 = '*'!" "$sample"
grep -q "^listen_addresses = '\*'" "$sample" || die "could not set listen_addresses in $sample"

# Socket folder, data folder and init scripts folder, with the official image's modes.
mkdir -p "$ROOT/run/postgresql" "$ROOT/var/lib/postgresql/data" "$ROOT/docker-entrypoint-initdb.d"
chown "$PG_UID:$PG_UID" "$ROOT/run/postgresql" "$ROOT/var/lib/postgresql/data"
chmod 3777 "$ROOT/run/postgresql"
chmod 1777 "$ROOT/var/lib/postgresql/data"

cat >"$ROOT/usr/local/bin/docker-entrypoint.sh" <<'ENTRYPOINT'
#!/usr/bin/env bash
# Entrypoint of the local PostgreSQL stand-in (built by scripts/postgres-image.sh), modelled on the
# official postgres image's: the first start initialises the cluster in PGDATA from POSTGRES_USER,
# POSTGRES_PASSWORD, POSTGRES_DB, POSTGRES_INITDB_ARGS and POSTGRES_HOST_AUTH_METHOD (and the *_FILE
# variants), runs /docker-entrypoint-initdb.d/*; later starts use the existing cluster. Arguments starting
# with '-' are given to postgres; `postgres ...` runs the server as the postgres user; anything else runs
# as given.
set -Eeuo pipefail

: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

say() { printf '%s\n' "$*"; }

env_or_file() { # NAME [DEFAULT]: NAME, else the content of the file named by NAME_FILE, else DEFAULT
  local name=$1 file_name="${1}_FILE" value=${2:-}
  if [ -n "${!name:-}" ] && [ -n "${!file_name:-}" ]; then
    say "error: $name and $file_name are both set; set one of them" >&2
    exit 1
  fi
  if [ -n "${!name:-}" ]; then
    value="${!name}"
  elif [ -n "${!file_name:-}" ]; then
    value="$(<"${!file_name}")"
  fi
  export "$name=$value"
  unset "$file_name"
}

wants_help() { # the server only prints something: no initialisation
  local a
  for a in "$@"; do
    case "$a" in -'?' | --help | --describe-config | -V | --version) return 0 ;; esac
  done
  return 1
}

run_init_scripts() {
  local f
  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue
    case "$f" in
      *.sh)
        # shellcheck disable=SC1090 # the image's user provides them
        if [ -x "$f" ]; then say "$0: running $f"; "$f"; else say "$0: sourcing $f"; . "$f"; fi ;;
      *.sql) say "$0: running $f"; psql_init "$POSTGRES_DB" -f "$f" ;;
      *.sql.gz) say "$0: running $f"; gunzip -c "$f" | psql_init "$POSTGRES_DB" ;;
      *) say "$0: ignoring $f" ;;
    esac
  done
}

psql_init() { # DATABASE PSQL_ARGS...: psql on the set-up server's socket, as the superuser
  local db=$1
  shift
  PGHOST=/var/run/postgresql PGPORT="${PGPORT:-5432}" \
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc --dbname "$db" "$@"
}

init_cluster() {
  env_or_file POSTGRES_PASSWORD
  env_or_file POSTGRES_USER postgres
  env_or_file POSTGRES_DB "$POSTGRES_USER"
  env_or_file POSTGRES_INITDB_ARGS
  : "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
  if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
    cat >&2 <<'EOF'
Error: the database is not initialised and no superuser password is given.
       Set POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE) to a non-empty value, or
       POSTGRES_HOST_AUTH_METHOD=trust to allow every connection without a password (not recommended).
EOF
    exit 1
  fi

  say "Initialising the database cluster in $PGDATA"
  # Local socket and loopback connections (only possible from inside the container) are trusted; every
  # other host authenticates with POSTGRES_HOST_AUTH_METHOD (scram-sha-256 by default).
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of arguments
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
    --auth-local=trust --auth-host=trust --encoding=UTF8 $POSTGRES_INITDB_ARGS
  printf '\nhost all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD" >>"$PGDATA/pg_hba.conf"

  # A server on the socket only, for the set-up.
  PGUSER="$POSTGRES_USER" pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p ${PGPORT:-5432}" -w start
  if [ "$POSTGRES_DB" != postgres ]; then
    psql_init postgres -v db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
  fi
  run_init_scripts
  pg_ctl -D "$PGDATA" -m fast -w stop
  say
  say 'PostgreSQL init process complete; ready for start up.'
  say
}

if [ "$#" -eq 0 ] || [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi

if [ "$1" = postgres ] && ! wants_help "$@"; then
  if [ "$(id -u)" = 0 ]; then
    # As root: prepare the folders, then start again as postgres (pid 1 stays the server).
    mkdir -p "$PGDATA" /var/run/postgresql
    chmod 00700 "$PGDATA" || true
    find "$PGDATA" \! -user postgres -exec chown postgres:postgres '{}' +
    chown postgres:postgres /var/run/postgresql
    chmod 3777 /var/run/postgresql
    exec setpriv --reuid=postgres --regid=postgres --init-groups env HOME=/var/lib/postgresql "${BASH_SOURCE[0]}" "$@"
  fi
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    init_cluster
  else
    say "PostgreSQL database directory appears to contain a database; skipping initialisation"
  fi
fi

exec "$@"
ENTRYPOINT
chmod 755 "$ROOT/usr/local/bin/docker-entrypoint.sh"
ln -s usr/local/bin/docker-entrypoint.sh "$ROOT/docker-entrypoint.sh" # the official image has it there too

# Slim, and without locale sources (en_US.UTF-8 is compiled already) or the packaging's server logs.
slim_root "$ROOT"/usr/share/i18n/* "$ROOT"/var/log/postgresql/*

PG_BIN="/usr/lib/postgresql/$PG_MAJOR/bin"
[ -x "$ROOT$PG_BIN/postgres" ] && [ -x "$ROOT$PG_BIN/pg_isready" ] && [ -x "$ROOT$PG_BIN/psql" ] \
  || die "postgres, pg_isready or psql is missing from $PG_BIN in the root"

old="$(image_id "$IMAGE")"
log "importing the root and building $IMAGE on it"
t0=$SECONDS
# `docker import --change` does not take STOPSIGNAL on every engine (20.10 refuses it), so the root is
# imported under a temporary tag and the image's configuration is a build of a few lines on top of it.
ROOTFS_TAG="catalog-postgres-rootfs:build-$$"
tar --numeric-owner --xattrs -C "$ROOT" -c . | docker import - "$ROOTFS_TAG" >/dev/null
# The server's folder comes first on PATH, so psql and pg_isready are the real binaries rather than
# Debian's version-picking wrappers in /usr/bin.
build_ok=1
DOCKER_BUILDKIT=0 docker build -q -t "$IMAGE" - >"$WORK/build.log" 2>&1 <<DOCKERFILE || build_ok=0
FROM $ROOTFS_TAG
ENV PATH=$PG_BIN:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \\
    LANG=en_US.utf8 \\
    PG_MAJOR=$PG_MAJOR \\
    PG_VERSION=$PG_VERSION \\
    PGDATA=/var/lib/postgresql/data
LABEL $STANDIN_LABEL=scripts/postgres-image.sh \\
      $STANDIN_LABEL.postgresql=$PG_VERSION
VOLUME /var/lib/postgresql/data
ENTRYPOINT ["docker-entrypoint.sh"]
STOPSIGNAL SIGINT
EXPOSE 5432
CMD ["postgres"]
DOCKERFILE
docker image rm "$ROOTFS_TAG" >/dev/null 2>&1 || true # only untags it: the image is built on it
[ "$build_ok" = 1 ] || { cat "$WORK/build.log" >&2; die "docker build of $IMAGE on the imported root failed"; }
drop_replaced_image "$IMAGE" "$old" # and with it the root it was built on
log "$IMAGE: built in $((SECONDS - t0)) s, $(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')"

run_check
log "done"
