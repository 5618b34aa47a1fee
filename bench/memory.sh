#!/usr/bin/env bash
# Target 4: the launcher's peak RSS while it downloads and installs a 1 GiB zip, against a
# 10 MiB one; and the RSS of the exec'd program against the same program started directly.
# Usage: bench/memory.sh [bigMiB]   (default 1024; needs nginx and /usr/bin/time)
source "$(dirname "$0")/lib.sh"
need /usr/bin/time time
big=${1:-1024}; port=18434
java=$(java_bin)
work=$(mktemp -d -p "$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp)")
trap 'stop_nginx; rm -rf "$work"' EXIT
mkdir -p "$work/www"
make_zip() { # MiB name
  python3 - "$1" "$work/www/$2" <<'PY'
import os, sys, zipfile
mib, out = int(sys.argv[1]), sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
    info = zipfile.ZipInfo("app/bin/true"); info.external_attr = 0o100755 << 16
    z.writestr(info, open("/bin/true", "rb").read())
    info = zipfile.ZipInfo("app/data.bin"); info.external_attr = 0o100644 << 16
    with z.open(info, "w", force_zip64=True) as w:
        for _ in range(mib):
            w.write(os.urandom(1 << 20))
PY
}
: > "$work/empty.properties"
make_zip 10 small.zip
make_zip "$big" big.zip
chmod -R a+rX "$work"
start_nginx "$work/www" "$port"
cd "$root"
flags="-XX:AOTCache=target/liftoff.aot -Xlog:aot=off -XX:+UseSerialGC -XX:-UsePerfData"
peak() { # zip
  rm -rf "$work/cache"
  /usr/bin/time -f '%M' -o "$work/rss" "$java" $flags -jar target/liftoff.jar fetch \
    --config "$work/empty.properties" --url "http://127.0.0.1:$port/$1" --binary app/bin/true \
    --cache-dir "$work/cache" >/dev/null 2>&1
  tail -n 1 "$work/rss"
}
small_kib=$(peak small.zip); big_kib=$(peak big.zip)
echo "peak RSS fetching + installing  10 MiB zip: $((small_kib / 1024)) MiB"
echo "peak RSS fetching + installing ${big} MiB zip: $((big_kib / 1024)) MiB ($(awk -v a="$big_kib" -v b="$small_kib" 'BEGIN{printf "%+.1f", (a-b)*100/b}') %)"

# After exec: the program's RSS, through Liftoff and directly (coreutils sleep).
sleep_rss() { # pid
  for _ in $(seq 50); do
    if [ "$(readlink "/proc/$1/exe" 2>/dev/null)" = "$(readlink -f /bin/sleep)" ]; then
      grep VmRSS "/proc/$1/status" | awk '{print $2}'; return
    fi
    sleep 0.1
  done
  echo "?"
}
sleep 3 & direct=$!
d=$(sleep_rss "$direct"); wait "$direct"
"$java" $flags -jar target/liftoff.jar run --config "$work/empty.properties" --binary /bin/sleep -- 3 2>/dev/null &
via=$!
v=$(sleep_rss "$via"); wait "$via"
echo "RSS of sleep started directly: ${d} KiB; exec'd by Liftoff (same PID as the JVM): ${v} KiB"
