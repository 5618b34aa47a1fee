#!/usr/bin/env bash
# Target 3: a cold boot, 100 MiB zip over loopback: download, verify, install, exec, against
#   curl -o a.zip URL && sha256sum -c && unzip && exec
# Usage: bench/cold.sh [MiB] [runs]   (defaults 100, 10; needs hyperfine, nginx, curl, unzip)
source "$(dirname "$0")/lib.sh"
need hyperfine hyperfine; need curl curl; need unzip unzip
mib=${1:-100}; runs=${2:-10}; port=18433
java=$(java_bin)
work=$(mktemp -d -p "$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp)")
trap 'stop_nginx; rm -rf "$work"' EXIT
mkdir -p "$work/www" "$work/src/app/bin"
cp /bin/true "$work/src/app/bin/true"
head -c $((mib * 1024 * 1024)) /dev/urandom > "$work/src/app/data.bin"
python3 - "$work/src/app" "$work/www/app.zip" <<'PY'
import os, sys, zipfile
root, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    for name in ("bin/true", "data.bin"):
        info = zipfile.ZipInfo("app/" + name)
        info.external_attr = (0o100755 if name == "bin/true" else 0o100644) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(os.path.join(root, name), "rb") as f, z.open(info, "w", force_zip64=True) as w:
            while chunk := f.read(1 << 20):
                w.write(chunk)
PY
sha=$(sha256sum "$work/www/app.zip" | cut -d' ' -f1)
chmod -R a+rX "$work"
start_nginx "$work/www" "$port"
url="http://127.0.0.1:$port/app.zip"
cat > "$work/shell.sh" <<SH
set -e
cd "\$1"; rm -rf a.zip dir
curl -sS -o a.zip "$url"
echo "$sha  a.zip" | sha256sum -c --quiet
unzip -q a.zip -d dir
exec dir/app/bin/true
SH
printf 'url = %s\nsha256 = %s\nbinary = app/bin/true\n' "$url" "$sha" > "$work/cold.properties"
cd "$root"
hyperfine -N -w 1 -r "$runs" --export-json "$work/out.json" \
  --prepare "rm -rf $work/cache $work/shell" \
  -n "curl + sha256sum + unzip + exec" "bash $work/shell.sh $work" \
  -n "liftoff (Procfile flags)" "$java -XX:AOTCache=target/liftoff.aot -Xlog:aot=off -XX:+UseSerialGC -XX:-UsePerfData -jar target/liftoff.jar run --config $work/cold.properties --cache-dir $work/cache" \
  >/dev/null 2>&1
python3 - "$work/out.json" "$mib" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = sorted(results[0]["times"])[len(results[0]["times"]) // 2]
print(f"{sys.argv[2]} MiB zip, medians of {len(results[0]['times'])} runs")
for r in results:
    median = sorted(r["times"])[len(r["times"]) // 2]
    print(f'{r["command"]:36s} median {median*1000:7.0f} ms  ratio {median/base:4.2f}')
PY
