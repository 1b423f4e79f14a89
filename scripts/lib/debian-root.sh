# Building, slimming and removing a Debian root file system for a local stand-in image, shared by
# docker-base-images.sh and postgres-image.sh. Sourced, not run. The caller defines log and die, and sets ROOT (the folder to
# build in), WORK (scratch, for logs), SUITE, MIRROR and SECURITY_UPDATES (1 applies SUITE-updates and
# SUITE-security; DEBIAN_SECURITY_MIRROR overrides where the latter comes from).

# Installs debootstrap when it is missing (Debian, as root).
ensure_debootstrap() {
  command -v debootstrap >/dev/null 2>&1 && return 0
  log "apt-get install debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
}

# debootstrap --variant=minbase of SUITE into ROOT with the comma-separated packages in $1.
debootstrap_root() {
  local packages=$1 t0=$SECONDS
  log "debootstrap --variant=minbase $SUITE ($packages) from $MIRROR"
  debootstrap --variant=minbase --include="$packages" "$SUITE" "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -n 30 "$WORK/debootstrap.log" >&2; die "debootstrap failed (log: $WORK/debootstrap.log)"; }
  log "debootstrap done in $((SECONDS - t0)) s"
}

# Runs a command inside ROOT with a clean environment (a proxy passed on when one is set).
in_root() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
  ${http_proxy:+http_proxy=$http_proxy} ${https_proxy:+https_proxy=$https_proxy} "$@"; }

# Points the root's apt at MIRROR and, with SECURITY_UPDATES=1, applies SUITE-updates and SUITE-security.
apply_debian_updates() {
  cat >"$ROOT/etc/apt/sources.list" <<SOURCES
deb $MIRROR $SUITE main
SOURCES
  [ "$SECURITY_UPDATES" = 1 ] || return 0
  local security_mirror="${DEBIAN_SECURITY_MIRROR:-${MIRROR%/debian}/debian-security}"
  cat >>"$ROOT/etc/apt/sources.list" <<SOURCES
deb $MIRROR $SUITE-updates main
deb $security_mirror $SUITE-security main
SOURCES
  log "applying $SUITE-updates and $SUITE-security"
  cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
  mount -t proc proc "$ROOT/proc"
  in_root apt-get update -qq >"$WORK/apt.log" 2>&1 \
    && in_root apt-get -y -qq -o Dpkg::Options::=--force-confold upgrade >>"$WORK/apt.log" 2>&1 \
    || { tail -n 30 "$WORK/apt.log" >&2; die "apt-get upgrade in the new root failed (log: $WORK/apt.log)"; }
  umount "$ROOT/proc"
}

# Unmounts what a build mounted in ROOT and removes it (a killed run may have left one behind).
remove_root() {
  local m
  for m in proc dev/pts dev; do
    if mountpoint -q "$ROOT/$m" 2>/dev/null; then umount -l "$ROOT/$m" || true; fi
  done
  rm -rf --one-file-system "$ROOT"
}

# Slims ROOT the way debian:*-slim does: no apt lists or caches, no docs (copyright files stay), man pages
# or translations, no resolv.conf (docker provides its own) or hostname; $@ names more paths to empty.
slim_root() {
  in_root apt-get clean
  rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/apt/*.bin "$ROOT"/var/log/*.log "$ROOT"/var/log/apt/* \
    "$ROOT"/usr/share/man/* "$ROOT"/usr/share/info/* "$ROOT"/usr/share/locale/* "$ROOT"/tmp/* "$ROOT"/var/tmp/* "$@"
  find "$ROOT/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$ROOT/usr/share/doc" -mindepth 1 -type d -empty -delete
  : >"$ROOT/etc/resolv.conf"
  rm -f "$ROOT/etc/hostname"
}
