# The Docker side of a local stand-in image, shared by docker-base-images.sh and postgres-image.sh:
# whether an image is there (and a stand-in), pulling the real one when the registry answers, and dropping
# the image a rebuild replaced. Sourced, not run. The caller defines log, and sets FORCE (1 rebuilds a
# stand-in that is present), NO_PULL (1 skips the pull) and optionally PULL_TIMEOUT (seconds, default 300).

# Every stand-in carries this label; its value names the script that built it.
STANDIN_LABEL="catalog.local-standin"

have_image() { docker image inspect "$1" >/dev/null 2>&1; }
is_standin() { [ -n "$(docker image inspect --format "{{ index .Config.Labels \"$STANDIN_LABEL\" }}" "$1" 2>/dev/null)" ]; }
image_id() { docker image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }

# Returns 0 when the image is (now) present and should not be built.
image_present_or_pulled() {
  local image=$1 timeout="${PULL_TIMEOUT:-300}"
  if have_image "$image"; then
    if [ "$FORCE" = 1 ] && is_standin "$image"; then
      log "$image: stand-in present, FORCE=1 rebuilds it"
      return 1
    fi
    log "$image: present ($(is_standin "$image" && echo "local stand-in" || echo "registry image"))"
    return 0
  fi
  if [ "$NO_PULL" != 1 ]; then
    log "$image: trying docker pull (at most $timeout s)"
    if timeout "$timeout" docker pull -q "$image" >/dev/null 2>&1; then
      log "$image: pulled the real image"
      return 0
    fi
    log "$image: the registry cannot be reached; building a local stand-in"
  fi
  return 1
}

# After TAG was rebuilt: removes OLD (the image id TAG had before), unless it is still in use.
drop_replaced_image() { # TAG OLD
  local tag=$1 old=$2
  if [ -n "$old" ] && [ "$old" != "$(image_id "$tag")" ]; then
    docker image rm "$old" >/dev/null 2>&1 || log "$tag: the previous image ${old:7:12} is still in use; kept"
  fi
}
