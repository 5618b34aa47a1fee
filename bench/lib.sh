# Shared by the benchmarks: a JDK 25, the built jar, and a static HTTP server on loopback.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
jar="$root/target/liftoff.jar"

java_bin() {
  local j
  for j in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    if [ -x "$j/bin/java" ] && "$j/bin/java" -version 2>&1 | head -n1 | grep -Eq 'version "25'; then
      echo "$j/bin/java"; return 0
    fi
  done
  echo "bench: no JDK 25 found" >&2; return 1
}

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "bench: needs $1 (apt-get install $2)" >&2; exit 1; }
}

# start_nginx DIR PORT [RUNNER...]: serves DIR on 127.0.0.1:PORT until stop_nginx; nginx is
# started through RUNNER when given (shaped.sh: inside its network namespace).
start_nginx() {
  need nginx nginx-light
  ngx=$(mktemp -d)
  cat > "$ngx/nginx.conf" <<CONF
daemon on;
pid $ngx/nginx.pid;
error_log $ngx/error.log;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $ngx;
  proxy_temp_path $ngx;
  fastcgi_temp_path $ngx;
  uwsgi_temp_path $ngx;
  scgi_temp_path $ngx;
  server { listen 127.0.0.1:$2; root $1; }
}
CONF
  "${@:3}" nginx -c "$ngx/nginx.conf"
}

stop_nginx() {
  [ -n "${ngx:-}" ] && [ -f "$ngx/nginx.pid" ] && kill "$(cat "$ngx/nginx.pid")" 2>/dev/null || true
  [ -z "${ngx:-}" ] || rm -rf "$ngx"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
