#!/usr/bin/env bash
# Download throughput on a rate-limited link: Liftoff against curl, in a network namespace of its
# own whose loopback is shaped with tbf (as a platform's egress or a vendor's CDN limits it).
# Needs root (ip netns, tc). Creates the namespace, runs nginx and both clients inside it, and
# removes it again, whatever happens.
# Usage: bench/shaped.sh [MiB] [runs] [rates...]   (defaults: 64 MiB, 5 runs, 200mbit 1gbit)
# BASE=/another/checkout bench/shaped.sh ...: also runs that checkout's build (its own jar, AOT
# cache and Procfile flags; build it first), alternating with this one, for a before/after.
# Every client and nginx run at nice -10, so that other work on a shared machine disturbs them less.
source "$(dirname "$0")/lib.sh"
need curl curl
need nginx nginx-light
need tc iproute2
[ "$(id -u)" = 0 ] || { echo "bench: shaped.sh needs root (ip netns, tc)" >&2; exit 1; }
mib=${1:-64}; runs=${2:-5}; shift $(( $# > 2 ? 2 : $# )); rates=("${@:-200mbit}")
[ $# -eq 0 ] && rates=(200mbit 1gbit)
java=$(java_bin)
ns="liftoff-bench-$$"; port=18432
work=$(mktemp -d -p "$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp)")
in_ns() { ip netns exec "$ns" nice -n -10 "$@"; }
base=${BASE:+$(cd "$BASE" && pwd)}
[ -z "$base" ] || [ -f "$base/target/liftoff.jar" ] || { echo "bench: no $BASE/target/liftoff.jar" >&2; exit 1; }
cleanup() {
  stop_nginx
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
mkdir -p "$work/www"
head -c $((mib * 1024 * 1024)) /dev/urandom > "$work/www/big.bin"
printf '#!/bin/sh\n' | dd of="$work/www/big.bin" conv=notrunc status=none
sha=$(sha256sum "$work/www/big.bin" | cut -d' ' -f1)
chmod -R a+rX "$work"
start_nginx "$work/www" "$port" in_ns
: > "$work/empty.properties"
url="http://127.0.0.1:$port/big.bin"

# liftoff CHECKOUT: one fetch into an empty cache with that checkout's jar and release flags
# (its AOT cache is tied to the relative jar path, hence the cd); prints its MiB/s.
liftoff() {
  rm -rf "$work/cache"
  ( cd "$1" && flags=$(sed -n 's/^release: java \(.*\) -jar .*/\1/p' Procfile)
    # shellcheck disable=SC2086 # the Procfile's flags are words
    in_ns "$java" $flags -jar target/liftoff.jar fetch --config "$work/empty.properties" \
      --url "$url" --sha256 "$sha" --cache-dir "$work/cache" >/dev/null 2>"$work/err" ) \
    || { cat "$work/err" >&2; exit 1; }
  grep -o 'event=download.* rate=[0-9.]*' "$work/err" | grep -o 'rate=[0-9.]*' | cut -d= -f2
}
# summary LABEL VALUES...: median (min-max)
summary() {
  local label=$1; shift
  printf '%s %6s MiB/s (%s-%s)' "$label" "$(printf '%s\n' "$@" | median)" \
    "$(printf '%s\n' "$@" | sort -n | head -1)" "$(printf '%s\n' "$@" | sort -n | tail -1)"
}

echo "file: $mib MiB, $runs alternating runs per rate; MiB/s from curl's speed_download and"
echo "Liftoff's own event=download line (both exclude process start); median (min-max)."
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (the machine has $(nproc) cores)"
for rate in "${rates[@]}"; do
  in_ns tc qdisc replace dev lo root tbf rate "$rate" burst 256kb latency 50ms
  c=(); l=(); b=()
  for i in $(seq "$runs"); do
    rm -f "$work/curl.out"
    c+=("$(in_ns curl -sS -o "$work/curl.out" -w '%{speed_download}' "$url" \
      | awk '{printf "%.1f", $1 / 1048576}')")
    l+=("$(liftoff "$root")")
    [ -z "$base" ] || b+=("$(liftoff "$base")")
  done
  cm=$(printf '%s\n' "${c[@]}" | median)
  ratio() { awk -v c="$cm" -v l="$(printf '%s\n' "$@" | median)" 'BEGIN{printf "%.2f", l/c}'; }
  printf '%-8s %s  %s ratio %s' "$rate" "$(summary curl "${c[@]}")" \
    "$(summary liftoff "${l[@]}")" "$(ratio "${l[@]}")"
  [ -z "$base" ] || printf '  %s ratio %s' "$(summary base "${b[@]}")" "$(ratio "${b[@]}")"
  echo
  echo "  runs: curl ${c[*]} | liftoff ${l[*]}${base:+ | base ${b[*]}}"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
