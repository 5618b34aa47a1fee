#!/usr/bin/env bash
# Every benchmark of BENCHMARKS.md, in order. Build first: mvn -q -DskipTests package
# Needs (Debian): apt-get install -y hyperfine nginx-light curl unzip time
set -euo pipefail
here=$(dirname "$0")
echo "== 1. cached boot";  bash "$here/startup.sh" 30
echo "== 2. download";     bash "$here/download.sh" 512 5
echo "== 3. cold boot";    bash "$here/cold.sh" 100 10
echo "== 4. memory";       bash "$here/memory.sh" 1024
