#!/usr/bin/env bash
# Public reads benchmark (issue 7): GET /api/public/encuentros/{id} of a published encuentro with
# 1,000 proposals and 100 commitments, under wrk (2 threads, 64 keep-alive connections), against
# nginx serving the very same bytes as a static file, in the same run.
#
#   tests/bench/public_reads.sh [BUILD_DIR] [--duration 15s] [--server-threads "1 2"]
#
# BUILD_DIR (default build/bench) holds encuentro-bench and encuentro-server.
# nginx: one worker (worker_processes 1), keep-alive, access log off, sendfile on, on 127.0.0.1.
# As root it installs Debian's wrk and nginx-light when missing.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-build/bench}"
[[ $# -gt 0 ]] && shift
duration=15s
server_threads="1 2"
nginx_workers=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --server-threads) server_threads="$2"; shift 2 ;;
    --nginx-workers) nginx_workers="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ "$build" = /* ]] || build="$repo/$build"
bench="$build/encuentro-bench"
server="$build/encuentro-server"
for b in "$bench" "$server"; do
  [[ -x "$b" ]] || { echo "missing $b: cmake --build $build --target encuentro-bench encuentro-server" >&2; exit 1; }
done

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || need+=(nginx-light)
command -v curl >/dev/null || need+=(curl)
if [[ ${#need[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}" >/dev/null
  else
    echo "run: sudo apt-get install -y ${need[*]}" >&2; exit 1
  fi
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d /tmp/encuentro-public-reads.XXXXXX)"
server_pid=""
nginx_pid=""
# Bounded stop: TERM, wait up to 5 s, then KILL.
stop_pid() {
  local pid="$1"
  [[ -n "$pid" ]] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$server_pid"; server_pid=""
  stop_pid "$nginx_pid"; nginx_pid=""
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "date: $(date -u +%FT%TZ)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
echo "load_before: $(cut -d' ' -f1-3 /proc/loadavg)"

db="$work/public.db"
id="$("$bench" public-fixture --db "$db")"
echo "fixture: $id ($db)"

# Starts the server on a free port; sets server_pid and server_port.
start_server() {
  local threads="$1"
  : > "$work/server.out"
  "$server" --db "$db" --port 0 --threads "$threads" --static "$work/nostatic" --log-level warn \
    > "$work/server.out" 2> "$work/server.err" &
  server_pid=$!
  server_port=""
  for _ in $(seq 100); do
    server_port="$(sed -n 's#^listening on http://[^ ]*:\([0-9]*\)$#\1#p' "$work/server.out")"
    [[ -n "$server_port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err" >&2; exit 1; }
    sleep 0.1
  done
  [[ -n "$server_port" ]] || { echo "server did not start" >&2; cat "$work/server.err" >&2; exit 1; }
}

# wrk's "Requests/sec:" figure.
run_wrk() {
  local url="$1" out="$2"
  wrk -t2 -c64 -d"$duration" --latency "$url" > "$out" 2>&1
  awk '/^Requests\/sec:/ {print $2}' "$out"
}

mkdir -p "$work/nostatic" "$work/www"
# nginx's worker runs as www-data when started as root: it must be able to read the file.
chmod 755 "$work" "$work/www"
start_server 1
path="/api/public/encuentros/$id"
curl -fsS -o "$work/www/detail.json" "http://127.0.0.1:$server_port$path"
chmod 644 "$work/www/detail.json"
bytes=$(stat -c %s "$work/www/detail.json")
echo "response_bytes: $bytes"
stop_pid "$server_pid"; server_pid=""

# nginx in the foreground, one worker, on a free loopback port.
nginx_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p "$work/nginx"
cat > "$work/nginx/nginx.conf" <<EOF
worker_processes $nginx_workers;
daemon off;
master_process on;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/tmp;
  proxy_temp_path $work/nginx/tmp;
  fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp;
  scgi_temp_path $work/nginx/tmp;
  types { application/json json; }
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location = $path { default_type application/json; try_files /detail.json =404; }
  }
}
EOF
mkdir -p "$work/nginx/tmp"
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" &
nginx_pid=$!
for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$nginx_port$path" 2>/dev/null && break; sleep 0.1; done
cmp -s <(curl -fsS "http://127.0.0.1:$nginx_port$path") "$work/www/detail.json" \
  || { echo "nginx does not serve the same bytes" >&2; exit 1; }

echo "command: wrk -t2 -c64 -d$duration --latency URL"
nginx_rps="$(run_wrk "http://127.0.0.1:$nginx_port$path" "$work/wrk-nginx.txt")"
echo "nginx_workers: $nginx_workers"
echo "nginx_rps: $nginx_rps"
grep -E "Latency  |50%|99%|Non-2xx|Socket errors" "$work/wrk-nginx.txt" | sed 's/^/  nginx /'
stop_pid "$nginx_pid"; nginx_pid=""

for threads in $server_threads; do
  start_server "$threads"
  echo "load_at_server_threads_$threads: $(cut -d' ' -f1-3 /proc/loadavg)"
  rps="$(run_wrk "http://127.0.0.1:$server_port$path" "$work/wrk-server-$threads.txt")"
  echo "server_threads_${threads}_rps: $rps"
  grep -E "Latency  |50%|99%|Non-2xx|Socket errors" "$work/wrk-server-$threads.txt" | sed "s/^/  server($threads) /"
  awk -v a="$rps" -v b="$nginx_rps" 'BEGIN {printf "ratio_server_threads_'"$threads"'_to_nginx: %.3f\n", a / b}'
  if [[ -n "${ENCUENTRO_BENCH_PERF:-}" && "$threads" == 1 ]]; then
    # Profile the server under the same load: perf record -g on its pid for 10 s.
    wrk -t2 -c64 -d20s "http://127.0.0.1:$server_port$path" > /dev/null 2>&1 &
    wrk_pid=$!
    sleep 2
    perf record -g -p "$server_pid" -o "$ENCUENTRO_BENCH_PERF" -- sleep 10 > /dev/null 2>&1 || true
    wait "$wrk_pid" || true
    echo "perf_data: $ENCUENTRO_BENCH_PERF"
  fi
  stop_pid "$server_pid"; server_pid=""
done
echo "load_after: $(cut -d' ' -f1-3 /proc/loadavg)"
