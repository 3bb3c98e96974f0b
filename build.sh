#!/usr/bin/env bash
# Metrology CMS: one entry point for a fresh machine.
#   ./build.sh run    set up, build, start the site on http://localhost:5080 with the demo tenants
#   ./build.sh test   set up, build, run every test (PostgreSQL too when it can be started here)
#   ./build.sh bench  set up, build, run the benchmarks (BenchmarkDotNet; arguments go to it)
#   ./build.sh bench portal [seconds] [pages]  throughput of the published site against a bare endpoint, with wrk (pages: e.g. library,admin)
#   ./build.sh cluster  set up, build, start PostgreSQL, two web nodes and nginx in front on http://localhost:5090
#   ./build.sh setup  install what is missing (Debian packages as root, npm and NuGet packages)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

install_debian_packages() {
  # fonts-wqy-microhei: the TrueType CJK face certificates are drawn with (PDFsharp subsets it; Noto CJK is CFF, embedded whole).
  local wanted=(chromium fonts-noto-cjk fonts-wqy-microhei postgresql poppler-utils wrk nginx)
  command -v node >/dev/null && command -v npm >/dev/null || wanted+=(nodejs npm)
  local missing=()
  for p in "${wanted[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "Missing Debian packages (run as root to install them): ${missing[*]}"
    return 0
  fi
  log "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup() {
  install_debian_packages
  log "Restoring front-end packages"
  (cd src/Themes && npm ci --no-audit --no-fund --loglevel=error)
  log "Restoring NuGet packages"
  dotnet restore Metrology.Cms.sln --verbosity quiet
}

build() {
  log "Building"
  dotnet build Metrology.Cms.sln --no-restore --configuration "${CONFIGURATION:-Debug}" --verbosity quiet -nologo
}

demo_password() {
  if [ -n "${METROLOGY_ADMIN_PASSWORD:-}" ]; then echo "$METROLOGY_ADMIN_PASSWORD"; return; fi
  local file="$ROOT/src/Metrology.Web/App_Data/demo-admin-password.txt"
  mkdir -p "$(dirname "$file")"
  # The password is made on the first run and kept with the data it protects (App_Data is not committed). It must hold a
  # digit (the site's password rule): eight random letters or digits had none about one run in fourteen, and set-up
  # failed. A file without one can only come from such a failed set-up, so it is made again.
  grep -q '[0-9]' "$file" 2>/dev/null || rm -f "$file"
  [ -s "$file" ] || printf 'Demo%s%s' "$(tr -dc 'a-z0-9' </dev/urandom | head -c 6)" "$(tr -dc '0-9' </dev/urandom | head -c 2)" >"$file"
  cat "$file"
}

run() {
  setup
  build
  local password; password=$(demo_password)
  cat <<TXT

  Metrology CMS is starting on http://localhost:5080
    主站 (Default)   http://localhost:5080/          admin / $password
    重庆 (chongqing) http://localhost:5080/chongqing/ admin / $password
    肇庆 (zhaoqing)  http://localhost:5080/zhaoqing/  admin / $password
  Demo enterprises (login with the mobile number, same password), and what each shows:
    肇庆 13800000001 示例水务      新注册，器具库为空
         13800000002 示例人民医院  器具将到期、已逾期（到期提醒）
         13800000003 示例燃气      备案一份已审核（一台未通过）、一份待审核；送检预约待确认，现场检定已确认
         13800000004 示例仪表      五台在检：待检定、待核验、待批准、合格、不合格；一份证书已更正重出，一份不合格通知已撤销
    重庆 13900000001 示例燃气      备案已审核（一台未通过）、待审核、草稿各一份；自送检两台
         13900000002 示例加油站    器具将到期、已逾期（到期提醒）
         13900000003 示例仪表      五台在检，各状态；修理费 80 元未缴，证书与不合格通知暂扣
  Back office: add /admin to a site's URL. Stop with Ctrl+C.

TXT
  cd src/Metrology.Web
  METROLOGY_ADMIN_PASSWORD="$password" ASPNETCORE_ENVIRONMENT=Development \
    exec dotnet run --no-build --no-launch-profile --urls http://localhost:5080
}

PG_DIR=""
start_postgres() {
  [ -n "${METROLOGY_TEST_POSTGRES:-}" ] && return 0
  local initdb; initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$initdb" ]; then log "PostgreSQL is not installed: PostgreSQL tests are left out"; return 0; fi
  local bin; bin=$(dirname "$initdb")
  PG_DIR=$(mktemp -d /tmp/metrology-pg.XXXXXX)
  local as=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; as=(runuser -u postgres --); fi
  local port=55432
  if "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null 2>&1 &&
     "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -w -l "$PG_DIR/log" \
        -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null 2>&1; then
    export METROLOGY_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    log "PostgreSQL started for the tests on port $port"
  else
    log "PostgreSQL could not be started: PostgreSQL tests are left out"
    PG_DIR=""
  fi
}

stop_postgres() {
  [ -n "$PG_DIR" ] || return 0
  local bin; bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")
  local as=(); [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}

test_all() {
  setup
  build
  start_postgres
  trap stop_postgres EXIT
  local results="$ROOT/TestResults"
  rm -rf "$results"
  local status=0
  log "Running the tests"
  dotnet test Metrology.Cms.sln --no-build --configuration "${CONFIGURATION:-Debug}" \
    --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?
  local passed=0 failed=0
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    local counters; counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    passed=$((passed + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")))
    failed=$((failed + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")))
  done
  if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$status" -ne 0 ]; then failed=1; fi
  echo "tests: $passed passed, $failed failed"
  [ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
}

bench() {
  setup
  if [ "${1:-}" = portal ]; then bench_portal "${@:2}"; return; fi
  log "Building the benchmarks (Release)"
  dotnet build tests/Metrology.Benchmarks --configuration Release --verbosity quiet -nologo
  dotnet run --project tests/Metrology.Benchmarks --configuration Release --no-build -- "$@"
}

bench_portal() {
  local out; out=$(mktemp -d /tmp/metrology-publish.XXXXXX)
  log "Publishing the site (Release, ReadyToRun as in docs/operations.md)"
  dotnet publish src/Metrology.Web --configuration Release --runtime linux-x64 --self-contained false -p:PublishReadyToRun=true \
    --output "$out" --verbosity quiet -nologo
  log "Building the benchmarks (Release)"
  dotnet build tests/Metrology.Benchmarks --configuration Release --verbosity quiet -nologo
  local status=0
  dotnet run --project tests/Metrology.Benchmarks --configuration Release --no-build -- portal "$out" "$@" || status=$?
  rm -rf "$out"
  return $status
}

# ./build.sh cluster: PostgreSQL, two web nodes with the same configuration (same database, same App_Data for uploads)
# and nginx in front, in a temporary folder removed on Ctrl+C. Node 1 sets the demo tenants up; node 2 starts once node 1
# is healthy and finds them set up. Ports: METROLOGY_CLUSTER_PORT (nginx, 5090), the nodes the next two, PostgreSQL 55442.
CL_DIR=""
CL_PIDS=()
cluster() {
  setup
  build
  cluster_start
}

cluster_start() {
  local port=${METROLOGY_CLUSTER_PORT:-5090} pg_port=${METROLOGY_CLUSTER_PG_PORT:-55442}
  local node_ports=($((port + 1)) $((port + 2)))
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { log "nginx is not installed (./build.sh setup as root installs it)"; exit 1; }
  local initdb; initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$initdb" ] || { log "PostgreSQL is not installed (./build.sh setup as root installs it)"; exit 1; }
  local pgbin; pgbin=$(dirname "$initdb")
  CL_DIR=$(mktemp -d /tmp/metrology-cluster.XXXXXX)
  chmod 755 "$CL_DIR"
  trap cluster_stop EXIT INT TERM
  local as=()
  if [ "$(id -u)" -eq 0 ]; then mkdir -p "$CL_DIR/pg" && chown postgres "$CL_DIR/pg"; as=(runuser -u postgres --); else mkdir -p "$CL_DIR/pg"; fi
  log "Starting PostgreSQL on port $pg_port"
  "${as[@]}" "$pgbin/initdb" -D "$CL_DIR/pg/data" -A trust -U postgres >/dev/null
  "${as[@]}" "$pgbin/pg_ctl" -D "$CL_DIR/pg/data" -w -l "$CL_DIR/pg/log" \
    -o "-p $pg_port -k $CL_DIR/pg -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  "${as[@]}" "$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "CREATE DATABASE metrology" >/dev/null
  local password; password=$(demo_password)
  mkdir -p "$CL_DIR/App_Data"
  local i
  for i in 0 1; do
    log "Starting web node $((i + 1)) on port ${node_ports[$i]}"
    (cd "$ROOT/src/Metrology.Web" && METROLOGY_ADMIN_PASSWORD="$password" ASPNETCORE_ENVIRONMENT=Development \
      ASPNETCORE_URLS="http://127.0.0.1:${node_ports[$i]}" Metrology__AppData="$CL_DIR/App_Data" \
      Metrology__Database__Provider=Postgres \
      Metrology__Database__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=metrology" \
      exec dotnet "$ROOT/src/Metrology.Web/bin/${CONFIGURATION:-Debug}/net10.0/Metrology.Web.dll") >"$CL_DIR/node$((i + 1)).log" 2>&1 &
    CL_PIDS+=($!)
    # Node 1 sets the tenants up from the recipes; node 2 starts once that is done.
    local waited=0
    until curl -fsS -o /dev/null "http://127.0.0.1:${node_ports[$i]}/health" 2>/dev/null; do
      kill -0 "${CL_PIDS[$i]}" 2>/dev/null || { log "Web node $((i + 1)) stopped:"; tail -n 40 "$CL_DIR/node$((i + 1)).log"; exit 1; }
      waited=$((waited + 1)); [ $waited -lt 600 ] || { log "Web node $((i + 1)) did not answer /health"; exit 1; }
      sleep 1
    done
  done
  mkdir -p "$CL_DIR/nginx"
  chmod 777 "$CL_DIR/nginx"
  cat >"$CL_DIR/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $CL_DIR/nginx/nginx.pid;
error_log $CL_DIR/nginx/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $CL_DIR/nginx/body;
  proxy_temp_path $CL_DIR/nginx/proxy;
  fastcgi_temp_path $CL_DIR/nginx/fastcgi;
  uwsgi_temp_path $CL_DIR/nginx/uwsgi;
  scgi_temp_path $CL_DIR/nginx/scgi;
  client_max_body_size 64m;
  upstream metrology {
    server 127.0.0.1:${node_ports[0]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${node_ports[1]} max_fails=1 fail_timeout=5s;
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://metrology;
      proxy_set_header Host \$http_host;
      proxy_connect_timeout 2s;
      # A node that refuses or drops the connection: the request goes to the other one (POSTs only if nothing was sent).
      proxy_next_upstream error timeout http_502;
    }
  }
}
CONF
  log "Starting nginx on port $port"
  "$(command -v nginx || echo /usr/sbin/nginx)" -c "$CL_DIR/nginx/nginx.conf" -p "$CL_DIR/nginx" &
  CL_PIDS+=($!)
  cat <<TXT

  Metrology CMS runs on two nodes behind nginx: http://localhost:$port/
    主站 (Default)   http://localhost:$port/          admin / $password
    重庆 (chongqing) http://localhost:$port/chongqing/ admin / $password
    肇庆 (zhaoqing)  http://localhost:$port/zhaoqing/  admin / $password
  Nodes: http://127.0.0.1:${node_ports[0]}/ (pid ${CL_PIDS[0]}), http://127.0.0.1:${node_ports[1]}/ (pid ${CL_PIDS[1]})
  PostgreSQL: Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=metrology
  Logs and shared App_Data: $CL_DIR   Stop everything with Ctrl+C.

TXT
  wait "${CL_PIDS[2]}"
}

cluster_stop() {
  trap - EXIT INT TERM
  local pid
  for pid in "${CL_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${CL_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$CL_DIR" ] && [ -d "$CL_DIR/pg/data" ]; then
    local bin; bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")
    local as=(); [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
    "${as[@]}" "$bin/pg_ctl" -D "$CL_DIR/pg/data" -m fast stop >/dev/null 2>&1 || true
  fi
  [ -n "$CL_DIR" ] && rm -rf "$CL_DIR"
  log "Stopped the cluster"
}

case "${1:-}" in
  setup) setup ;;
  run) run ;;
  cluster) cluster ;;
  test) test_all ;;
  bench) shift; bench "$@" ;;
  *) echo "usage: $0 run|cluster|test|bench|setup" >&2; exit 2 ;;
esac
