#!/usr/bin/env bash
# Download throughput and memory: Liftoff against curl, same file, same local nginx.
# Usage: bench/download.sh [MiB] [runs]   (defaults: 512 MiB, 5 runs)
source "$(dirname "$0")/lib.sh"
need curl curl
need /usr/bin/time time
mib=${1:-512}; runs=${2:-5}; port=18431
java=$(java_bin)
# Output goes to tmpfs when there is one: this VM's disk write-back varies by seconds run to run.
work=$(mktemp -d -p "$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp)"); trap 'stop_nginx; rm -rf "$work"' EXIT
mkdir -p "$work/www"
head -c $((mib * 1024 * 1024)) /dev/urandom > "$work/www/big.bin"
# A bare program: Liftoff installs it by copying, so download and install are both measured.
printf '#!/bin/sh\n' | dd of="$work/www/big.bin" conv=notrunc status=none
sha=$(sha256sum "$work/www/big.bin" | cut -d' ' -f1)
chmod -R a+rX "$work"
start_nginx "$work/www" "$port"
: > "$work/empty.properties" # not the repository's Fleet recipe
url="http://127.0.0.1:$port/big.bin"

cd "$root" # the AOT cache is tied to the jar path the Procfile uses: target/liftoff.jar
release_flags=$(sed -n 's/^release: java \(.*\) -jar .*/\1/p' Procfile)
curl_s=(); curl_rss=(); plain_s=(); plain_dl=(); plain_rss=(); rel_s=(); rel_dl=(); rel_rss=()
# fetch FLAGS...: one Liftoff download into an empty cache; sets s (seconds), k (KiB), d (ms).
fetch() {
  rm -rf "$work/cache"; sync
  /usr/bin/time -f "%e %M" -o "$work/t" "$java" "$@" -jar target/liftoff.jar fetch \
    --config "$work/empty.properties" --url "$url" --sha256 "$sha" --cache-dir "$work/cache" \
    >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r s k < "$work/t"
  d=$(grep -o 'event=download.* ms=[0-9]*' "$work/err" | grep -o 'ms=[0-9]*' | cut -d= -f2)
}
for i in $(seq "$runs"); do
  rm -f "$work/curl.out"; sync
  /usr/bin/time -f '%e %M' -o "$work/t" curl -sS -o "$work/curl.out" "$url"
  read -r s k < "$work/t"; curl_s+=("$s"); curl_rss+=("$k")
  fetch; plain_s+=("$s"); plain_rss+=("$k"); plain_dl+=("$d")
  # shellcheck disable=SC2086 # the Procfile's flags are words
  fetch $release_flags; rel_s+=("$s"); rel_rss+=("$k"); rel_dl+=("$d")
done
med() { printf '%s\n' "$@" | median; }
rate() { awk -v m="$mib" -v s="$1" 'BEGIN{printf "%4.0f MiB/s", m/s}'; }
c=$(med "${curl_s[@]}")
echo "file: $mib MiB, runs: $runs (medians)"
printf '%-44s %6ss  %s  peak RSS %s KiB\n' "curl -o file" "$c" "$(rate "$c")" "$(med "${curl_rss[@]}")"
for v in plain rel; do
  declare -n vs="${v}_s" vd="${v}_dl" vr="${v}_rss"
  label=$([ "$v" = plain ] && echo "liftoff fetch, no flags" || echo "liftoff fetch, Procfile release flags")
  l=$(med "${vs[@]}"); d=$(med "${vd[@]}")
  printf '%-44s %6ss  %s  peak RSS %s KiB  (download alone %s ms, %s)  ratio %.2f\n' \
    "$label" "$l" "$(rate "$l")" "$(med "${vr[@]}")" "$d" "$(rate "$(awk -v d="$d" 'BEGIN{print d/1000}')")" \
    "$(awk -v c="$c" -v l="$l" 'BEGIN{print c/l}')"
done
