#!/usr/bin/env bash
# Target 1: a cached boot (pinned release installed) to the program's first instruction, against
# a bare JVM printing "hi". The program is /bin/true, so the time is Liftoff's own.
# Usage: bench/startup.sh [runs]   (needs hyperfine; run `mvn package` first)
source "$(dirname "$0")/lib.sh"
need hyperfine hyperfine
runs=${1:-30}
java=$(java_bin)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' \
  > "$work/Hello.java"
"$(dirname "$java")/javac" -d "$work" "$work/Hello.java" "$here/FfmFloor.java"
# The floor gets its own AOT cache, trained on a path that fails so that the JVM exits normally.
(cd "$work" && "$java" -XX:AOTCacheOutput=floor.aot -XX:+UseSerialGC -XX:-UsePerfData \
  --enable-native-access=ALL-UNNAMED -cp . \
  FfmFloor /nonexistent >/dev/null 2>&1) || true
mkdir -p "$work/rel/bin" && cp /bin/true "$work/rel/bin/true"
(cd "$work/rel" && "$(dirname "$java")/jar" cfM "$work/true.zip" bin/true)
sha=$(sha256sum "$work/true.zip" | cut -d' ' -f1)
printf 'url = %s\nsha256 = %s\nbinary = bin/true\ncache-dir = %s\n' "$work/true.zip" "$sha" \
  "$work/cache" > "$work/bench.properties"
cd "$root" # the AOT cache is tied to the jar path the Procfile uses: target/liftoff.jar
liftoff="-jar target/liftoff.jar run --config $work/bench.properties"
"$java" -jar target/liftoff.jar fetch --config "$work/bench.properties" >/dev/null
procfile_flags="-XX:AOTCache=target/liftoff.aot -Xlog:aot=off -XX:+UseSerialGC -XX:-UsePerfData"
hyperfine -N -w 5 -r "$runs" --export-json "$work/out.json" \
  -n "bare JVM hello" "$java -cp $work Hello" \
  -n "FFM floor: link 3 calls + execve, AOT cache" \
    "$java -XX:AOTCache=$work/floor.aot -Xlog:aot=off -XX:+UseSerialGC -XX:-UsePerfData --enable-native-access=ALL-UNNAMED -cp $work FfmFloor /bin/true" \
  -n "liftoff, no flags" "$java $liftoff" \
  -n "liftoff, Procfile flags (AOT cache)" "$java $procfile_flags $liftoff" \
  -n "liftoff, Procfile flags + C1 only" "$java $procfile_flags -XX:TieredStopAtLevel=1 $liftoff" \
  >/dev/null 2>&1
python3 - "$work/out.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
med = lambda r: sorted(r["times"])[len(r["times"]) // 2]
base, floor = med(results[0]), med(results[1])
for r in results:
    print(f'{r["command"]:44s} median {med(r)*1000:6.1f} ms  ratio {med(r)/base:4.2f}'
          f'  vs floor {med(r)/floor:4.2f}')
PY
