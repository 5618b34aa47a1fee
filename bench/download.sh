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

curl_s=(); lift_s=(); lift_dl=(); lift_rss=(); curl_rss=()
for i in $(seq "$runs"); do
  rm -f "$work/curl.out"; sync
  /usr/bin/time -f '%e %M' -o "$work/t" curl -sS -o "$work/curl.out" "$url"
  read -r s k < "$work/t"; curl_s+=("$s"); curl_rss+=("$k")
  rm -rf "$work/cache"; sync
  /usr/bin/time -f "%e %M" -o "$work/t" "$java" -jar "$jar" fetch --config "$work/empty.properties" --url "$url" \
    --sha256 "$sha" --cache-dir "$work/cache" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r s k < "$work/t"; lift_s+=("$s"); lift_rss+=("$k")
  lift_dl+=("$(grep -o 'event=download.* ms=[0-9]*' "$work/err" | grep -o 'ms=[0-9]*' | cut -d= -f2)")
done
c=$(printf '%s\n' "${curl_s[@]}" | median); l=$(printf '%s\n' "${lift_s[@]}" | median)
d=$(printf '%s\n' "${lift_dl[@]}" | median)
echo "file: $mib MiB, runs: $runs (medians)"
echo "curl -o file:            ${c}s  $(awk -v m="$mib" -v s="$c" 'BEGIN{printf "%.0f MiB/s", m/s}')  peak RSS $(printf '%s\n' "${curl_rss[@]}" | median) KiB"
echo "liftoff fetch (process): ${l}s  $(awk -v m="$mib" -v s="$l" 'BEGIN{printf "%.0f MiB/s", m/s}')  peak RSS $(printf '%s\n' "${lift_rss[@]}" | median) KiB"
echo "liftoff download alone:  ${d}ms $(awk -v m="$mib" -v s="$d" 'BEGIN{printf "%.0f MiB/s", m/(s/1000)}')"
echo "throughput ratio liftoff/curl (whole process): $(awk -v c="$c" -v l="$l" 'BEGIN{printf "%.2f", c/l}')"
