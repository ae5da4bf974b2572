#!/usr/bin/env bash
# Benchmark harness of the order service (see README "Benchmark"). One command:
#
#   bench/run.sh
#
# Starts the server jar on a fresh PostgreSQL database, drives POST /api/v1/orders over loopback with wrk in four
# scenarios (spread, hot, flash, coupon) at 16 and 64 connections, runs the same statements with pgbench as the
# raw-SQL floor, checks the invariants in the database, measures the relay's drain rate and the start-up time on
# H2, and writes bench/results/<date>-<cores>cores.md and bench/results/latest.md. Exits non-zero when an
# invariant is broken (or the harness itself fails); targets that are not met are reported, not fatal.
#
# Environment (all optional):
#   BENCH_WARMUP=5 BENCH_DURATION=20     seconds of warm-up and of measurement per scenario x connections
#   BENCH_JIT_WARMUP=60                  seconds of load on the fresh JVM before the first scenario (C2 needs about that on 2 cores)
#   BENCH_CONNECTIONS="16 64"            concurrency levels (wrk -c, pgbench -c)
#   BENCH_SCENARIOS="spread hot flash coupon"
#   BENCH_COUPON_USERS=100000            users (each with one coupon) seeded for the coupon scenario
#   BENCH_PGBENCH=true                   false skips the raw-SQL floor
#   BENCH_NAIVE_FLOOR=true               false skips the naive floor (bench/floor: the seed's flow as plain SQL on the
#                                        seed's schema, split and one-transaction shapes) for spread and hot
#   BENCH_RELAY_EVENTS=20000             events in the relay drain test (0 skips it)
#   BENCH_RELAY_INTERVAL=1s              ORDERS_RELAY_INTERVAL of the draining server
#   BENCH_LOAD_RELAY_INTERVAL=1h         ORDERS_RELAY_INTERVAL during the load (1h = relay paused)
#   BENCH_STARTUP=true                   false skips the H2 start-up measurement
#   BENCH_H2_LOAD=true                   false skips the embedded H2 default under load (spread and hot, 16 connections,
#                                        BENCH_H2_USERS=500 users and BENCH_H2_PRODUCTS=300 products seeded over the API)
#   BENCH_DB=orders_bench PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
#   BENCH_WRK_THREADS=2 BENCH_PGBENCH_JOBS=2
#   BENCH_JAVA_OPTS="-Xmx256m -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=<work dir>/order-service.jsa"
#                                        JVM options of the server: those of the README's launch command (heap limit,
#                                        class-data archive next to the jar); add e.g. -XX:StartFlightRecording=...
#   BENCH_RESULTS_DIR=bench/results      where the Markdown results go
#   BENCH_JAR=bootstrap/target/order-service.jar
#                                        the server jar to measure (another build's, to compare two versions in turn)
#   BENCH_TRACING=off                    on: the server exports its traces over OTLP/HTTP (every request sampled) to the
#                                        stand-in receiver, which discards them: the cost of tracing
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
cd "$ROOT"

WARMUP=${BENCH_WARMUP:-5}
JIT_WARMUP=${BENCH_JIT_WARMUP:-60}
DURATION=${BENCH_DURATION:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-"16 64"}
SCENARIOS=${BENCH_SCENARIOS:-"spread hot flash coupon"}
RUN_PGBENCH=${BENCH_PGBENCH:-true}
RUN_NAIVE_FLOOR=${BENCH_NAIVE_FLOOR:-true}
FLOOR_DB=${DB:-orders_bench}_floor
RELAY_EVENTS=${BENCH_RELAY_EVENTS:-20000}
RELAY_INTERVAL=${BENCH_RELAY_INTERVAL:-1s}
LOAD_RELAY_INTERVAL=${BENCH_LOAD_RELAY_INTERVAL:-1h}
RUN_STARTUP=${BENCH_STARTUP:-true}
RUN_H2_LOAD=${BENCH_H2_LOAD:-true}
H2_USERS=${BENCH_H2_USERS:-500}; H2_PRODUCTS=${BENCH_H2_PRODUCTS:-300}
DB=${BENCH_DB:-orders_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
PGBENCH_JOBS=${BENCH_PGBENCH_JOBS:-2}
JAVA_OPTS=${BENCH_JAVA_OPTS-default}
RESULTS_DIR=${BENCH_RESULTS_DIR:-$BENCH_DIR/results}
TRACING=${BENCH_TRACING:-off}
ADMIN_TOKEN=bench-admin-token-0123456789abcdef
PGBENCH_IDBASE=1000000000000   # ids of rows pgbench writes: idbase + client * 1e9 + n, far above the server's

# Scenario sizes
SPREAD_USERS=10000; SPREAD_PRODUCTS=10000; SPREAD_STOCK=1000000
HOT_USERS=10000; HOT_STOCK=2000000000
FLASH_BUYERS=1000; FLASH_STOCK=100
COUPON_USERS=${BENCH_COUPON_USERS:-100000}; COUPON_PRODUCTS=10000
BALANCE=10000000

CORES=$(nproc)
CLK_TCK=$(getconf CLK_TCK)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
WORK=$BENCH_DIR/work/$STAMP
if [ "$JAVA_OPTS" = default ]; then
  # as the README launches it: the first start writes the class-data archive when it stops, later starts load from it
  JAVA_OPTS="-Xmx256m -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$WORK/order-service.jsa"
fi
mkdir -p "$WORK" "$RESULTS_DIR"
ROWS=$WORK/rows.txt
: > "$ROWS"

log() { printf '[%s] %s\n' "$(date +%T)" "$*"; }
die() { log "ERROR: $*" >&2; exit 2; }

# ---------------------------------------------------------------------------------------------------- tools
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }
pick_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}
APT_UPDATED=false
apt_install() {
  if [ "$APT_UPDATED" = false ]; then apt-get update -qq; APT_UPDATED=true; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! JAVA_HOME=$(pick_jdk); then
  log "No JDK 21+ found; installing one from Debian's packages"
  apt_install openjdk-21-jdk-headless || apt_install openjdk-25-jdk-headless
  JAVA_HOME=$(pick_jdk) || die "could not find or install a JDK 21+"
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
JAVA="$JAVA_HOME/bin/java"

command -v curl >/dev/null || apt_install curl
command -v wrk >/dev/null || { log "installing wrk"; apt_install wrk; }
command -v psql >/dev/null || { log "installing postgresql-client"; apt_install postgresql-client; }
command -v pgbench >/dev/null || { log "installing pgbench (postgresql-contrib)"; apt_install postgresql-contrib; }
command -v pgbench >/dev/null || die "pgbench not found after installing postgresql-contrib"

JAR=${BENCH_JAR:-$ROOT/bootstrap/target/order-service.jar}
if [ -z "${BENCH_JAR:-}" ] && [ ! -f "$JAR" ]; then
  log "building $JAR"
  ./mvnw -B -q -o install -DskipTests || ./mvnw -B -q install -DskipTests
fi
[ -f "$JAR" ] || die "no server jar at $JAR"
# run a copy: other builds may rewrite bootstrap/target while the benchmark runs
cp "$JAR" "$WORK/order-service.jar"
JAR_BUILT=$(date -u -r "$JAR" +'%F %T UTC')
JAR="$WORK/order-service.jar"

pg_up() { pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; }
if ! pg_up; then
  log "PostgreSQL is not answering on $PGHOST:$PGPORT; starting it"
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    for version in $(ls /etc/postgresql); do pg_ctlcluster --skip-systemctl-redirect "$version" main start || true; done
  fi
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || die "PostgreSQL did not come up on $PGHOST:$PGPORT"
fi

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }
psql_db() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

# ---------------------------------------------------------------------------------------------------- helpers
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 40000 ))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    if command -v ss >/dev/null && ss -Htan 2>/dev/null | awk '{ print $4 }' | grep -q ":$port\$"; then continue; fi
    echo "$port"; return 0
  done
  return 1
}
now_ms() { date +%s%3N; }
calc() { awk "BEGIN { printf \"%s\", ($1) }"; }     # calc '<awk expression>'
fmt() { awk -v v="$1" -v d="${2:-0}" 'BEGIN { printf "%.*f", d, v }'; }
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p" | head -1; }

SERVER_PID=""; RECEIVER_PID=""; SAMPLER_PID=""; WRK_PID=""; STARTUP_PID=""
cleanup() {
  local pid
  for pid in "$WRK_PID" "$SAMPLER_PID" "$SERVER_PID" "$RECEIVER_PID" "$STARTUP_PID"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

proc_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }   # utime + stime of a process
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6 }' /proc/stat; }
# CPU ticks of the PostgreSQL backends serving $DB, one "pid ticks" line each
pg_backend_ticks() {
  local dir pid
  local dir pid cmd
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    cmd=$( { tr '\0' ' ' < "$dir/cmdline"; } 2>/dev/null || true)
    case $cmd in
      "postgres: "*" $DB "*) echo "$pid $(proc_ticks "$pid" 2>/dev/null || echo 0)" ;;
    esac
  done
}
# "comm (pct%)" of every process that used more than 10% of a CPU during a 2-second window, and the machine's busy %
busy_now() {
  local before after
  before=$(cat /proc/[0-9]*/stat 2>/dev/null | sed -E 's/^([0-9]+) \((.*)\) [A-Za-z] (([^ ]+ ){10})([0-9]+) ([0-9]+).*/\1 \2 \5 \6/' | awk '{ print $1, $2, $(NF-1) + $NF }' || true)
  read -r busy0 total0 < <(machine_ticks)
  sleep 2
  read -r busy1 total1 < <(machine_ticks)
  after=$(cat /proc/[0-9]*/stat 2>/dev/null | sed -E 's/^([0-9]+) \((.*)\) [A-Za-z] (([^ ]+ ){10})([0-9]+) ([0-9]+).*/\1 \2 \5 \6/' | awk '{ print $1, $2, $(NF-1) + $NF }' || true)
  awk -v tck="$CLK_TCK" 'NR == FNR { t[$1] = $3; next } ($1 in t) && ($3 - t[$1]) / tck / 2 > 0.10 { printf "%s%s (%.0f%%)", sep, $2, 100 * ($3 - t[$1]) / tck / 2; sep = ", " }' \
    <(echo "$before") <(echo "$after")
  printf '|%.0f' "$(calc "100 * ($busy1 - $busy0) / ($total1 - $total0)")"
}
# user+sys seconds of this shell's finished children (wrk, psql, ...): call it in the main shell, not in $( )
children_seconds() {   # children_seconds VAR
  times > "$WORK/times.txt"
  printf -v "$1" '%s' "$(tail -1 "$WORK/times.txt" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); n += t[1] * 60 + t[2] } print n }')"
}
busy_text() { local procs=${1%|*}; echo "machine ${1##*|}% busy${procs:+ (${procs})}"; }   # of a busy_now result
pg_ticks_delta() { awk 'NR == FNR { before[$1] = $2; next } { sum += $2 - ($1 in before ? before[$1] : 0) } END { print sum + 0 }' "$1" "$2"; }

start_sampler() {   # samples the server's VmRSS (kB) every 0.5 s into $1
  local file=$1 pid=$SERVER_PID
  ( while kill -0 "$pid" 2>/dev/null; do awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true; sleep 0.5; done ) >> "$file" &
  SAMPLER_PID=$!
}
stop_sampler() {
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""; fi
}
max_rss_mib() { awk 'BEGIN { m = 0 } $1 > m { m = $1 } END { printf "%.0f", m / 1024 }' "$1"; }

wait_http() {   # wait_http URL TIMEOUT_S PID: until URL answers 200, or the process dies, or the timeout
  local url=$1 timeout=$2 pid=$3 deadline
  deadline=$(( $(now_ms) + timeout * 1000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url" 2>/dev/null)" = 200 ]; then return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.02
  done
  return 1
}

RECEIVER_PORT=""
start_receiver() {
  RECEIVER_PORT=$(free_port)
  "$JAVA" "$BENCH_DIR/Receiver.java" "$RECEIVER_PORT" > "$WORK/receiver.log" 2>&1 &
  RECEIVER_PID=$!
  wait_http "http://127.0.0.1:$RECEIVER_PORT/stats" 60 "$RECEIVER_PID" || die "the data-platform receiver did not start (see $WORK/receiver.log)"
}
receiver_stats() { curl -s --max-time 2 "http://127.0.0.1:$RECEIVER_PORT/stats"; }   # distinct total firstMs lastMs
receiver_reset() { curl -s -o /dev/null -X POST "http://127.0.0.1:$RECEIVER_PORT/reset"; }

SERVER_PORT=""; SERVER_STARTS=0
start_server() {   # start_server RELAY_INTERVAL: the jar on $DB; sets SERVER_PID and SERVER_START_MS / SERVER_READY_MS
  local relay_interval=$1 attempt
  for attempt in 1 2 3; do
    if try_start_server "$relay_interval"; then return 0; fi
    if grep -q 'Port already in use' "$WORK/server-$SERVER_STARTS.log"; then
      log "port $SERVER_PORT was taken meanwhile (attempt $attempt); retrying on another port"
      continue
    fi
    break
  done
  die "the server did not answer /health (see $WORK/server-$SERVER_STARTS.log)"
}
try_start_server() {
  local relay_interval=$1
  SERVER_STARTS=$(( SERVER_STARTS + 1 ))
  SERVER_PORT=$(free_port)
  mkdir -p "$WORK/server"
  SERVER_START_MS=$(now_ms)
  # shellcheck disable=SC2086
  (cd "$WORK/server" && exec env ORDERS_HTTP_PORT="$SERVER_PORT" \
      ORDERS_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" ORDERS_DB_USER="$PGUSER" ORDERS_DB_PASSWORD="${PGPASSWORD:-}" \
      ORDERS_DEMO_DATA=false ORDERS_ADMIN_TOKEN="$ADMIN_TOKEN" \
      ORDERS_DATAPLATFORM_URL="http://127.0.0.1:$RECEIVER_PORT/events" ORDERS_RELAY_INTERVAL="$relay_interval" \
      $( [ "$TRACING" = on ] && echo "OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$RECEIVER_PORT" ) \
      "$JAVA" $JAVA_OPTS -jar "$JAR") > "$WORK/server-$SERVER_STARTS.log" 2>&1 &
  SERVER_PID=$!
  if ! wait_http "http://127.0.0.1:$SERVER_PORT/health" 120 "$SERVER_PID"; then
    kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
    return 1
  fi
  SERVER_READY_MS=$(now_ms)
  log "server pid $SERVER_PID on port $SERVER_PORT (relay interval $relay_interval) ready in $(( SERVER_READY_MS - SERVER_START_MS )) ms"
}
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$SERVER_PID" 2>/dev/null; then kill -9 "$SERVER_PID" 2>/dev/null || true; fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

wait_quiet() {   # until no session of $DB but ours is running a statement or sits in a transaction (at most 15 s)
  for _ in $(seq 1 75); do
    [ "$(psql_db -c "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IS NOT NULL AND state <> 'idle'")" = 0 ] && return 0
    sleep 0.2
  done
  log "WARNING: $DB still has running sessions after 15 s"
}

seed() {   # seed SCENARIO
  local users products stock first_stock coupons=false attempt
  case $1 in
    spread) users=$SPREAD_USERS; products=$SPREAD_PRODUCTS; stock=$SPREAD_STOCK; first_stock=$SPREAD_STOCK ;;
    hot)    users=$HOT_USERS; products=1; stock=$HOT_STOCK; first_stock=$HOT_STOCK ;;
    # product 1 is the flash sale; product 2 (ample stock) is only used by the warm-up
    flash)  users=$FLASH_BUYERS; products=2; stock=$SPREAD_STOCK; first_stock=$FLASH_STOCK ;;
    coupon) users=$COUPON_USERS; products=$COUPON_PRODUCTS; stock=$SPREAD_STOCK; first_stock=$SPREAD_STOCK; coupons=true ;;
    *) die "unknown scenario $1" ;;
  esac
  for attempt in 1 2 3; do
    wait_quiet
    if psql_db -v users="$users" -v balance="$BALANCE" -v products="$products" -v stock="$stock" \
          -v first_stock="$first_stock" -v coupons="$coupons" -f "$BENCH_DIR/sql/seed.sql" > "$WORK/seed.log" 2>&1; then
      return 0
    fi
    log "seeding $1 failed (attempt $attempt): $(grep -v NOTICE "$WORK/seed.log" | head -3 | tr '\n' ' ')"
    sleep 1
  done
  die "could not seed $1"
}

invariants() {   # invariants SCENARIO -> prints "name|violations" lines
  local flash=0
  [ "$1" = flash ] && flash=1
  wait_quiet
  psql_db -v flash_product="$flash" -f "$BENCH_DIR/sql/invariants.sql"
}

wrk_env() {   # wrk_env SCENARIO PHASE -> environment assignments for the Lua script
  local scenario=$1 phase=$2
  echo "BENCH_SCENARIO=$scenario BENCH_WRK_THREADS=$WRK_THREADS BENCH_COUPON_USERS=$COUPON_USERS"
  case $scenario in
    spread) echo "BENCH_USERS=$SPREAD_USERS BENCH_PRODUCTS=$SPREAD_PRODUCTS" ;;
    hot)    echo "BENCH_USERS=$HOT_USERS BENCH_HOT_PRODUCT=1" ;;
    flash)  if [ "$phase" = warmup ]; then echo "BENCH_FLASH_BUYERS=$FLASH_BUYERS BENCH_FLASH_PRODUCT=2"
            else echo "BENCH_FLASH_BUYERS=$FLASH_BUYERS BENCH_FLASH_PRODUCT=1"; fi ;;
    # the warm-up takes users from the upper half, the measurement from user 1 on: each coupon is used once
    coupon) if [ "$phase" = warmup ]; then echo "BENCH_PRODUCTS=$COUPON_PRODUCTS BENCH_USER_OFFSET=$(( COUPON_USERS / 2 ))"
            else echo "BENCH_PRODUCTS=$COUPON_PRODUCTS BENCH_USER_OFFSET=0"; fi ;;
  esac
}

run_wrk() {   # run_wrk SCENARIO PHASE CONNECTIONS DURATION_S OUTPUT -> prints the RESULT line
  local scenario=$1 phase=$2 conns=$3 duration=$4 out=$5
  # shellcheck disable=SC2046
  env $(wrk_env "$scenario" "$phase") BENCH_LABEL="$scenario c=$conns $phase" BENCH_PROGRESS=5 \
    wrk -t "$WRK_THREADS" -c "$conns" -d "${duration}s" --timeout 10s -s "$BENCH_DIR/lua/orders.lua" \
        "http://127.0.0.1:$SERVER_PORT/api/v1/orders" 2>&1 | tee "$out" | { grep --line-buffered '\[progress\]' >&2 || true; }
  grep '^RESULT ' "$out" | tail -1 || true
}

run_pgbench() {   # run_pgbench SCRIPT SCENARIO CONNECTIONS DURATION_S OUTPUT -> prints "orders_per_s tps latency_ms failed"
  local script=$1 scenario=$2 conns=$3 duration=$4 out=$5 hot=0 flash=0 coupon=0 users=$SPREAD_USERS products=$SPREAD_PRODUCTS
  case $scenario in
    hot) hot=1; users=$HOT_USERS; products=3 ;;
    flash) flash=1; users=$FLASH_BUYERS; products=3 ;;
    coupon) coupon=1; users=$COUPON_USERS; products=$COUPON_PRODUCTS ;;
  esac
  rm -f "$out".log*
  # pgbench needs $conns of max_connections next to the server's pool and whatever else uses this PostgreSQL
  local free=0
  for _ in $(seq 1 60); do
    free=$(psql_db -c "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')")
    [ "$free" -ge $(( conns + 2 )) ] && break
    sleep 0.5
  done
  [ "$free" -ge $(( conns + 2 )) ] || log "WARNING: only $free connections free for pgbench -c $conns" >&2
  pgbench -n -M prepared -c "$conns" -j "$PGBENCH_JOBS" -T "$duration" -P 5 -l --log-prefix="$out.log" -f "$script" \
    -D users="$users" -D products="$products" -D hot="$hot" -D flash="$flash" -D flash_buyers="$FLASH_BUYERS" \
    -D coupon="$coupon" -D coupon_users="$COUPON_USERS" -D uoff=0 -D nclients="$conns" \
    -D idbase="$PGBENCH_IDBASE" -D seq=0 "$DB" 2>&1 | tee "$out" | { sed -u -n 's/^progress: /  [pgbench progress] /p' >&2 || true; } || true
  if ! grep -q '^tps = ' "$out"; then
    log "WARNING: pgbench failed: $(grep -m1 'error' "$out" || tail -1 "$out")" >&2
    echo "0 0 0 0 0 0"
    return 0
  fi
  if grep -q 'aborted' "$out"; then log "WARNING: pgbench clients aborted, see $out" >&2; fi
  local completed processed tps latency failed
  completed=$(psql_db -c "SELECT count(*) FROM orders WHERE status = 'COMPLETED' AND id >= $PGBENCH_IDBASE")
  processed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out" | head -1); processed=${processed:-0}
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out" | head -1); tps=${tps:-0}
  latency=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$out" | head -1); latency=${latency:-0}
  failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out" | head -1); failed=${failed:-0}
  # per-transaction latencies (3rd column, microseconds) of every client's log -> p50 and p99 in ms
  local percentiles
  percentiles=$(cat "$out".log* 2>/dev/null | awk '{ print $3 }' | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "0 0"; exit } i50 = int(NR * 0.50); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1; printf "%.2f %.2f", v[i50] / 1000, v[i99] / 1000 }')
  rm -f "$out".log*
  # orders/s: pgbench's rate of scripts (without connection time) times the share of scripts that completed an order
  echo "$(calc "$processed > 0 ? $tps * $completed / $processed : 0") $tps $latency $failed $percentiles"
}

# ---------------------------------------------------------------------------------------------------- environment
MACHINE_CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
MACHINE_MEM=$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
JDK_VERSION=$("$JAVA" -version 2>&1 | head -1)
PG_VERSION=$(psql -X -At -d postgres -c 'SHOW server_version')
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
OTHER_LOAD=$(busy_text "$(busy_now)")
RUN_STARTED_MS=$(now_ms)
log "order-service benchmark: $CORES cores ($MACHINE_CPU), ${MACHINE_MEM} GiB, $JDK_VERSION, PostgreSQL $PG_VERSION"
log "load average before the run: $LOAD_BEFORE; over 2 s before the run: $OTHER_LOAD"
log "warm-up ${WARMUP}s + measure ${DURATION}s per scenario x connections; scenarios: $SCENARIOS; connections: $CONNECTIONS; raw files in $WORK"

# ---------------------------------------------------------------------------------------------------- database + server
log "creating a fresh database $DB"
psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" 2>&1 | { grep -v NOTICE || true; }
start_receiver
log "data-platform receiver on port $RECEIVER_PORT"
start_server "$LOAD_RELAY_INTERVAL"
if [ "$JIT_WARMUP" -gt 0 ]; then
  # one warm-up of the fresh JVM (JIT) before the first scenario, so that it does not pay for it alone
  log "warming the JVM up: spread, 16 connections, ${JIT_WARMUP}s"
  seed spread
  run_wrk spread jit-warmup 16 "$JIT_WARMUP" "$WORK/wrk-jit-warmup.txt" > /dev/null
fi

ALL_RSS=$WORK/rss-all.txt
: > "$ALL_RSS"
INVARIANT_FAILURES=0
FIVEXX_TOTAL=0
SOCKET_ERRORS_TOTAL=0

for scenario in $SCENARIOS; do
  for conns in $CONNECTIONS; do
    tag="$scenario-c$conns"
    log "=== $scenario, $conns connections: seeding"
    seed "$scenario"
    rss_file=$WORK/rss-$tag.txt
    : > "$rss_file"
    start_sampler "$rss_file"
    log "$scenario c=$conns: warm-up ${WARMUP}s"
    run_wrk "$scenario" warmup "$conns" "$WARMUP" "$WORK/wrk-$tag-warmup.txt" > /dev/null
    cpu0=$(proc_ticks "$SERVER_PID"); read -r busy0 total0 < <(machine_ticks); pg_backend_ticks > "$WORK/pg0-$tag.txt"; children_seconds kids0
    log "$scenario c=$conns: measuring ${DURATION}s"
    result=$(run_wrk "$scenario" measure "$conns" "$DURATION" "$WORK/wrk-$tag.txt")
    cpu1=$(proc_ticks "$SERVER_PID"); read -r busy1 total1 < <(machine_ticks); pg_backend_ticks > "$WORK/pg1-$tag.txt"; children_seconds kids1
    stop_sampler
    cat "$rss_file" >> "$ALL_RSS"
    [ -n "$result" ] || die "wrk printed no RESULT line (see $WORK/wrk-$tag.txt)"
    log "$scenario c=$conns: $result"

    wall=$(field duration_s "$result")
    completed=$(field completed "$result")
    requests=$(field requests "$result")
    statuses=$(field statuses "$result")
    codes=$(field codes "$result")
    socket_errors=$(field socket_errors "$result")
    fivexx=$(tr ',' '\n' <<<"$statuses" | awk -F= '$1 ~ /^5/ { s += $2 } END { print s + 0 }')
    FIVEXX_TOTAL=$(( FIVEXX_TOTAL + fivexx ))
    SOCKET_ERRORS_TOTAL=$(( SOCKET_ERRORS_TOTAL + socket_errors ))
    orders_s=$(calc "$completed / $wall")
    req_s=$(calc "$requests / $wall")
    server_cpu=$(calc "($cpu1 - $cpu0) / $CLK_TCK")
    pg_cpu=$(calc "$(pg_ticks_delta "$WORK/pg0-$tag.txt" "$WORK/pg1-$tag.txt") / $CLK_TCK")
    busy_pct=$(calc "100 * ($busy1 - $busy0) / ($total1 - $total0)")
    # CPU of everything else (PostgreSQL's own background processes, other databases' sessions, other builds and tests)
    others_cpu=$(calc "($busy1 - $busy0) / $CLK_TCK - $server_cpu - $pg_cpu - ($kids1 - $kids0)")
    rss=$(max_rss_mib "$rss_file")
    responses="201=${completed}"
    if [ "$codes" != "-" ]; then responses="$responses,$codes"; fi
    [ "$socket_errors" -gt 0 ] && responses="$responses,socket-errors=$socket_errors"

    log "$scenario c=$conns: checking invariants"
    violations=""
    while IFS='|' read -r name count; do
      [ -n "$name" ] || continue
      if [ "$count" != 0 ]; then violations="$violations $name($count)"; fi
    done < <(invariants "$scenario")
    if [ "$scenario" = flash ] && [ "$completed" != "$FLASH_STOCK" ]; then
      violations="$violations flash_201_responses_eq_stock($completed)"
    fi
    if [ -n "$violations" ]; then
      INVARIANT_FAILURES=$(( INVARIANT_FAILURES + 1 )); invariant_text="VIOLATED:$violations"
      log "INVARIANTS VIOLATED in $scenario c=$conns:$violations"
    else
      invariant_text="ok"
    fi

    pgb_orders="-"; pgb_tps="-"; pgb_lat="-"; pgb_p99="-"; ratio="-"; pgb1_orders="-"; pgb_note=""
    if [ "$RUN_PGBENCH" = true ]; then
      log "$scenario c=$conns: pgbench floor ${DURATION}s on freshly seeded data"
      seed "$scenario"
      read -r pgb_orders pgb_tps pgb_lat pgb_failed pgb_p50 pgb_p99 < <(run_pgbench "$BENCH_DIR/pgbench/order.sql" "$scenario" "$conns" "$DURATION" "$WORK/pgbench-$tag.txt") || true
      pgb_tps=${pgb_tps:-0}; pgb_orders=${pgb_orders:-0}
      pgb_violations=$(invariants "$scenario" | awk -F'|' '$2 != 0 { printf " %s(%s)", $1, $2 }')
      [ -n "$pgb_violations" ] && pgb_note=" (pgbench data:$pgb_violations)"
      if [ "$(calc "$pgb_tps > 0 ? 1 : 0")" = 0 ]; then
        pgb_orders="-"; pgb_tps="-"; pgb_p99="-"; pgb_note=" (pgbench failed, see $WORK/pgbench-$tag.txt)"
        log "$scenario c=$conns: no pgbench floor$pgb_note"
      elif [ "$scenario" = flash ]; then
        # every flash order after the 100th is the OUT_OF_STOCK path: compare attempts per second
        ratio=$(calc "$req_s / ($pgb_tps > 0 ? $pgb_tps : 1)")
      else
        ratio=$(calc "$orders_s / ($pgb_orders > 0 ? $pgb_orders : 1)")
      fi
      [ "$pgb_orders" = "-" ] || log "$scenario c=$conns: pgbench $(fmt "$pgb_orders" 1) orders/s ($(fmt "$pgb_tps" 1) scripts/s, latency avg ${pgb_lat} ms, p50 ${pgb_p50} ms, p99 ${pgb_p99} ms); server/pgbench = $(fmt "$ratio" 2)$pgb_note"
      if [ "$scenario" = hot ]; then
        log "$scenario c=$conns: pgbench plain single-transaction shape ${DURATION}s"
        seed hot
        read -r pgb1_orders _ _ _ _ _ < <(run_pgbench "$BENCH_DIR/pgbench/hot-single-tx.sql" hot "$conns" "$DURATION" "$WORK/pgbench-$tag-1tx.txt") || true
        pgb1_orders=${pgb1_orders:-0}
        [ "$(calc "$pgb1_orders > 0 ? 1 : 0")" = 1 ] || pgb1_orders="-"
        log "$scenario c=$conns: single-transaction pgbench $(fmt "$pgb1_orders" 1) orders/s"
      fi
    fi
    printf '%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n' \
      "$scenario" "$conns" "$orders_s" "$req_s" "$(field p50_ms "$result")" "$(field p95_ms "$result")" \
      "$(field p99_ms "$result")" "$(field max_ms "$result")" "$responses" "$rss" "$server_cpu" "$pg_cpu" "$busy_pct" \
      "$pgb_orders" "$pgb_tps" "$pgb_p99" "$ratio" "$pgb1_orders" "$invariant_text" "$pgb_note" "$others_cpu" >> "$ROWS"
    # completed orders of the measurement, for the CPU per order
    echo "$scenario|$conns|$completed|$requests" >> "$WORK/completed.txt"
  done
done

# ---------------------------------------------------------------------------------------------------- naive floor
# The seed's flow as plain SQL on the seed's schema (bench/floor, a copy of ../shared/bench-floor), run by pgbench in
# its own database, in the split (two transactions) and the one-transaction shape, same connections and duration.
FLOOR_ROWS=$WORK/floor.txt
: > "$FLOOR_ROWS"
run_floor() {   # run_floor SCRIPT CONNECTIONS -> orders/s
  local script=$1 conns=$2 out
  out="$WORK/floor-$(basename "$script" .sql)-c$conns.txt"
  psql -X -q -v ON_ERROR_STOP=1 -d "$FLOOR_DB" -f "$BENCH_DIR/floor/schema.sql" > /dev/null 2>&1 \
    || { log "WARNING: cannot load the floor schema into $FLOOR_DB" >&2; echo 0; return 0; }
  pgbench -n -M prepared -c "$conns" -j "$PGBENCH_JOBS" -T "$DURATION" -f "$script" "$FLOOR_DB" > "$out" 2>&1 || true
  sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out" | head -1 | grep . || { log "WARNING: floor pgbench failed, see $out" >&2; echo 0; }
}
if [ "$RUN_NAIVE_FLOOR" = true ]; then
  psql_admin -c "DROP DATABASE IF EXISTS $FLOOR_DB WITH (FORCE)" -c "CREATE DATABASE $FLOOR_DB" 2>&1 | { grep -v NOTICE || true; }
  for scenario in $SCENARIOS; do
    case $scenario in spread|hot) ;; *) continue ;; esac
    for conns in $CONNECTIONS; do
      log "naive floor: $scenario c=$conns, split and one transaction, ${DURATION}s each"
      split=$(run_floor "$BENCH_DIR/floor/order_${scenario}_split.sql" "$conns")
      one=$(run_floor "$BENCH_DIR/floor/order_${scenario}.sql" "$conns")
      log "naive floor: $scenario c=$conns: split $(fmt "$split" 0) orders/s, one transaction $(fmt "$one" 0) orders/s"
      echo "$scenario|$conns|$split|$one" >> "$FLOOR_ROWS"
    done
  done
  psql_admin -c "DROP DATABASE IF EXISTS $FLOOR_DB WITH (FORCE)" 2>&1 | { grep -v NOTICE || true; }
fi

# ---------------------------------------------------------------------------------------------------- relay drain
RELAY_RATE=""; RELAY_WARM_RATE=""; RELAY_WARM_NOTE="not run"; RELAY_E2E=""; RELAY_N=0; RELAY_NOTE=""; RELAY_BEFORE=0; RELAY_FROM_READY=""; RELAY_BUSY="|?"
if [ "$RELAY_EVENTS" -gt 0 ]; then
  log "=== relay drain: completing $RELAY_EVENTS orders with the relay paused (interval $LOAD_RELAY_INTERVAL)"
  RELAY_BUSY=$(busy_now)
  seed spread
  receiver_reset
  # shellcheck disable=SC2046
  env $(wrk_env spread measure) BENCH_LABEL="relay backlog" BENCH_PROGRESS=5 \
    wrk -t "$WRK_THREADS" -c 64 -d 600s --timeout 10s -s "$BENCH_DIR/lua/orders.lua" \
        "http://127.0.0.1:$SERVER_PORT/api/v1/orders" > "$WORK/wrk-relay-backlog.txt" 2>&1 &
  WRK_PID=$!
  while kill -0 "$WRK_PID" 2>/dev/null; do
    [ "$(psql_db -c 'SELECT count(*) FROM order_events')" -ge "$RELAY_EVENTS" ] && break
    sleep 0.5
  done
  kill -INT "$WRK_PID" 2>/dev/null || true
  wait "$WRK_PID" 2>/dev/null || true
  WRK_PID=""
  sleep 1
  RELAY_N=$(psql_db -c 'SELECT count(*) FROM order_events')
  read -r RELAY_BEFORE _ _ _ < <(receiver_stats) || true
  log "relay drain: $RELAY_N events stored, $RELAY_BEFORE delivered while paused; restarting with ORDERS_RELAY_INTERVAL=$RELAY_INTERVAL"
  stop_server
  receiver_reset
  start_server "$RELAY_INTERVAL"
  deadline=$(( $(now_ms) + 180000 ))
  distinct=0
  while [ "$(now_ms)" -lt "$deadline" ]; do
    read -r distinct _ first last < <(receiver_stats) || true
    [ "${distinct:-0}" -ge "$RELAY_N" ] && break
    sleep 0.2
  done
  read -r distinct total first last < <(receiver_stats) || true
  distinct=${distinct:-0}
  if [ "$distinct" -ge "$RELAY_N" ] && [ "$RELAY_N" -gt 0 ]; then
    span=$(( last - first )); [ "$span" -gt 0 ] || span=1
    RELAY_RATE=$(calc "$RELAY_N * 1000 / $span")
    RELAY_E2E=$(calc "$RELAY_N * 1000 / ($last - $SERVER_START_MS)")
    RELAY_FROM_READY=$(( last - SERVER_READY_MS ))
    RELAY_NOTE="$RELAY_N events ($total POSTs) delivered in $(( last - first )) ms from the first to the last delivery; $(( last - SERVER_START_MS )) ms after the process start (server ready after $(( SERVER_READY_MS - SERVER_START_MS )) ms)"
  else
    RELAY_NOTE="only $distinct of $RELAY_N events delivered within 180 s"
  fi
  log "relay drain: $RELAY_NOTE"
  if [ -n "$RELAY_RATE" ]; then
    # the same events again on the now warm JVM: replay the consumer from the first event (admin route)
    receiver_reset
    first_event=$(psql_db -c 'SELECT min(id) FROM order_events')
    curl -s -o /dev/null -X POST -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
         -d "{\"fromEventId\":$first_event}" "http://127.0.0.1:$SERVER_PORT/api/v1/admin/relays/dataplatform/replay"
    deadline=$(( $(now_ms) + 180000 ))
    while [ "$(now_ms)" -lt "$deadline" ]; do
      read -r distinct _ _ _ < <(receiver_stats) || true
      [ "${distinct:-0}" -ge "$RELAY_N" ] && break
      sleep 0.2
    done
    read -r distinct total first last < <(receiver_stats) || true
    if [ "${distinct:-0}" -ge "$RELAY_N" ]; then
      span=$(( last - first )); [ "$span" -gt 0 ] || span=1
      RELAY_WARM_RATE=$(calc "$RELAY_N * 1000 / $span")
      RELAY_WARM_NOTE="$RELAY_N events ($total POSTs) replayed in $span ms"
    else
      RELAY_WARM_NOTE="only ${distinct:-0} of $RELAY_N events replayed within 180 s"
    fi
    log "relay drain, warm (replay): $RELAY_WARM_NOTE"
  fi
  lag=$(curl -s -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$SERVER_PORT/api/v1/admin/relays" || true)
  echo "$lag" > "$WORK/relays-after-drain.json"
fi
stop_server

# ---------------------------------------------------------------------------------------------------- H2 under load
# The embedded default (no ORDERS_DB_URL): a fresh H2 database, seeded over the API, then the same wrk script.
H2_ROWS=""
if [ "$RUN_H2_LOAD" = true ]; then
  H2_DIR="$WORK/h2-load"; mkdir -p "$H2_DIR"
  H2_PORT=$(free_port)
  # shellcheck disable=SC2086
  (cd "$H2_DIR" && exec env ORDERS_HTTP_PORT="$H2_PORT" ORDERS_DEMO_DATA=false ORDERS_ADMIN_TOKEN="$ADMIN_TOKEN" \
      ORDERS_RELAY_INTERVAL="$LOAD_RELAY_INTERVAL" "$JAVA" $JAVA_OPTS -jar "$JAR") > "$WORK/h2-load.log" 2>&1 &
  STARTUP_PID=$!
  wait_http "http://127.0.0.1:$H2_PORT/health" 60 "$STARTUP_PID" || die "the server on H2 did not start (see $WORK/h2-load.log)"
  log "H2 under load: seeding $H2_USERS users and $H2_PRODUCTS products over the API"
  h2_post() { curl -sf -o /dev/null -X POST -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
      -d "$2" "http://127.0.0.1:$H2_PORT$1"; }
  for i in $(seq 1 "$H2_USERS"); do
    h2_post /api/v1/users "{\"name\":\"user $i\"}" && h2_post "/api/v1/users/$i/balance/charges" '{"amount":10000000}' \
      || die "seeding user $i on H2 failed (ids must start at 1)"
  done
  for i in $(seq 1 "$H2_PRODUCTS"); do
    h2_post /api/v1/products "{\"name\":\"product $i\",\"description\":\"bench\",\"price\":$(( 100 + (i * 7919) % 9900 )),\"stock\":1000000000}" \
      || die "seeding product $i on H2 failed"
  done
  h2_wrk() {   # h2_wrk SCENARIO DURATION_S OUTPUT -> the RESULT line
    env BENCH_SCENARIO="$1" BENCH_USERS="$H2_USERS" BENCH_PRODUCTS="$H2_PRODUCTS" BENCH_HOT_PRODUCT=1 BENCH_PROGRESS=0 \
      wrk -t "$WRK_THREADS" -c 16 -d "${2}s" --timeout 10s -s "$BENCH_DIR/lua/orders.lua" \
      "http://127.0.0.1:$H2_PORT/api/v1/orders" > "$3" 2>&1 || true
    grep '^RESULT ' "$3" | tail -1 || true
  }
  log "H2 under load: JIT warm-up ${JIT_WARMUP}s"
  h2_wrk spread "$JIT_WARMUP" "$WORK/h2-jit.txt" >/dev/null
  for scenario in spread hot; do
    h2_wrk "$scenario" "$WARMUP" "$WORK/h2-$scenario-warmup.txt" >/dev/null
    result=$(h2_wrk "$scenario" "$DURATION" "$WORK/h2-$scenario.txt")
    [ -n "$result" ] || die "wrk produced no result on H2 ($WORK/h2-$scenario.txt)"
    log "H2 $scenario c=16: $result"
    H2_ROWS="$H2_ROWS$scenario|$result"$'\n'
  done
  kill "$STARTUP_PID" 2>/dev/null || true; wait "$STARTUP_PID" 2>/dev/null || true; STARTUP_PID=""
fi

# ---------------------------------------------------------------------------------------------------- start-up on H2
STARTUP_COLD=""; STARTUP_WARM=""; STARTUP_COLD_ALL=""; STARTUP_WARM_ALL=""; STARTUP_BUSY=""
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
start_h2() {   # start_h2 DIR LABEL -> ms from the launch to the first 200 from /health (empty when it failed)
  local dir=$1 label=$2 port t0 elapsed=""
  port=$(free_port)
  t0=$(now_ms)
  # shellcheck disable=SC2086
  (cd "$dir" && exec env ORDERS_HTTP_PORT="$port" "$JAVA" $JAVA_OPTS -jar "$JAR") > "$WORK/h2-$label.log" 2>&1 &
  STARTUP_PID=$!
  if wait_http "http://127.0.0.1:$port/health" 60 "$STARTUP_PID"; then elapsed=$(( $(now_ms) - t0 )); fi
  kill "$STARTUP_PID" 2>/dev/null || true; wait "$STARTUP_PID" 2>/dev/null || true; STARTUP_PID=""
  echo "$elapsed"
}
if [ "$RUN_STARTUP" = true ]; then
  STARTUP_BUSY=$(busy_now)
  for i in 1 2 3; do   # empty directory: creates the H2 database, migrates, loads the demo data
    mkdir -p "$WORK/h2-$i"
    STARTUP_COLD_ALL="$STARTUP_COLD_ALL $(start_h2 "$WORK/h2-$i" "cold-$i")"
  done
  for i in 1 2; do     # existing database
    STARTUP_WARM_ALL="$STARTUP_WARM_ALL $(start_h2 "$WORK/h2-1" "warm-$i")"
  done
  STARTUP_COLD=$(median <<<"$STARTUP_COLD_ALL"); STARTUP_WARM=$(median <<<"$STARTUP_WARM_ALL")
  log "start-up on H2 to the first 200 from /health: empty directory${STARTUP_COLD_ALL} ms (median ${STARTUP_COLD:-failed}), existing database${STARTUP_WARM_ALL} ms (median ${STARTUP_WARM:-failed}); before: ${STARTUP_BUSY#*|}% busy"
fi

# ---------------------------------------------------------------------------------------------------- report
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
RUN_SECONDS=$(( ($(now_ms) - RUN_STARTED_MS) / 1000 ))
RSS_MAX=$(max_rss_mib "$ALL_RSS")
DATE=$(date -u +%F)
REPORT=$RESULTS_DIR/$DATE-${CORES}cores.md

met() { if [ "$1" = 1 ]; then echo "**met**"; else echo "**not met**"; fi; }
row_value() { awk -F'|' -v s="$1" -v c="$2" -v col="$3" '$1 == s && $2 == c { print $col }' "$ROWS"; }

{
  echo "# Benchmark results: $DATE, $CORES cores"
  echo
  echo "Command: \`bench/run.sh\` (JVM warm-up ${JIT_WARMUP} s, then warm-up ${WARMUP} s + measurement ${DURATION} s per scenario and connection count; wrk $WRK_THREADS threads, pgbench -j $PGBENCH_JOBS; whole run ${RUN_SECONDS} s)."
  echo
  echo "Machine: $CORES cores ($MACHINE_CPU), $MACHINE_MEM GiB; $JDK_VERSION; PostgreSQL $PG_VERSION on the same machine;"
  if [ -n "${BENCH_JAR:-}" ]; then
    echo "Jar: $BENCH_JAR (BENCH_JAR) built $JAR_BUILT."
  else
    echo "Jar: bootstrap/target/order-service.jar built $JAR_BUILT (git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo ', uncommitted changes in the tree'))."
  fi
echo "server, PostgreSQL, wrk and pgbench all share the $CORES cores. Tracing: $TRACING. Server JVM options: \`${JAVA_OPTS:-(defaults)}\`; pool size 16 (default);"
  echo "relay interval $LOAD_RELAY_INTERVAL during the load (relay paused, measured separately below)."
  echo "Load average before / after: $LOAD_BEFORE / $LOAD_AFTER; over 2 s before the run: $OTHER_LOAD (processes above 10% of a CPU listed)."
  echo "Other engineers' builds and test runs may have used the machine at the same time: the numbers are indicative, compare ratios of the same run."
  echo
  echo "## Orders (POST /api/v1/orders over loopback)"
  echo
  echo "| scenario | conns | server orders/s | requests/s | p50 ms | p95 ms | p99 ms | max ms | responses (status[/code]=count) | pgbench orders/s | pgbench p99 ms | server ÷ pgbench | server CPU s | PG CPU s | other CPU s | machine busy | RSS max MiB | invariants |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  while IFS='|' read -r s c os rs p50 p95 p99 mx resp rss scpu pcpu busy pgo pgt pgp99 rat pg1 inv note others; do
    pgcell="-"; ratcell="-"; pgp99cell="-"
    [ "$pgp99" != "-" ] && pgp99cell=$(fmt "$pgp99" 1)
    if [ "$pgo" != "-" ]; then
      pgcell=$(fmt "$pgo" 0)
      ratcell=$(fmt "$rat" 2)
      if [ "$s" = flash ]; then pgcell="$pgcell ($(fmt "$pgt" 0) attempts/s)"; ratcell="$ratcell (attempts)"; fi
      if [ "$s" = hot ] && [ "$pg1" != "-" ]; then pgcell="$pgcell (1 tx: $(fmt "$pg1" 0))"; ratcell="$ratcell (1 tx: $(fmt "$(calc "$os / ($pg1 > 0 ? $pg1 : 1)")" 2))"; fi
    fi
    echo "| $s | $c | $(fmt "$os" 0) | $(fmt "$rs" 0) | $(fmt "$p50" 1) | $(fmt "$p95" 1) | $(fmt "$p99" 1) | $(fmt "$mx" 0) | ${resp//,/ · } | $pgcell | $pgp99cell | $ratcell | $(fmt "$scpu" 1) | $(fmt "$pcpu" 1) | $(fmt "$others" 1) | $(fmt "$busy" 0)% | $rss | $inv${note} |"
  done < "$ROWS"
  echo
  echo "- *server orders/s*: 201 responses per second of measurement; latencies are wrk's (closed loop, no coordinated-omission correction)."
  echo "- *pgbench orders/s*: the same statements as the server issues per order (\`bench/pgbench/order.sql\`: the order's one transaction, the stock taken last), same connections, same duration, on freshly seeded data; *1 tx* is the plain single-transaction shape of a hot order (\`bench/pgbench/hot-single-tx.sql\`). For flash, every order after the ${FLASH_STOCK}th is the OUT_OF_STOCK path, so the ratio compares attempts per second."
  echo "- *server CPU s*: utime+stime of the server process during the measurement (of $(( DURATION * CORES )) CPU-seconds available); *PG CPU s*: the same for the PostgreSQL backends of $DB; *other CPU s*: every other process but wrk (PostgreSQL's background processes, other databases, other builds and tests); *machine busy*: all CPUs, every process."
  echo "- Invariants checked after each server run (\`bench/sql/invariants.sql\`, the same checks as the tests' \`Invariants\`): stock never negative; units taken == units still held by orders (allocated, paid and not refunded) + units refunded without restock; balance == charges + restores − SUCCEEDED payments, uses == payments, restores == refunds; one ORDER_COMPLETED event per paid order, none for others, one ORDER_REFUNDED per refund; refunds within the order's total; at most one SUCCEEDED payment per order, paid orders point at theirs; a coupon used by at most one order not wholly refunded; flash: exactly ${FLASH_STOCK} orders completed."
  echo
  echo "## Against the naive floor, and CPU per order"
  echo
  echo "The naive floor is the seed's flow as plain SQL on the seed's schema (\`bench/floor\`, a copy of \`../shared/bench-floor\`), run by pgbench in a database of its own right after the server's runs: no indexes beyond the keys, no idempotency, no balance history, a fixed snapshot. *CPU ms/order*: the server process's CPU time during the measurement divided by the orders it completed (flash: by the attempts)."
  echo
  echo "| scenario | conns | server orders/s | p99 ms | naive floor, split txns | naive floor, one txn | server ÷ split | server ÷ one txn | server CPU ms/order |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  while IFS='|' read -r s c os rs p50 p95 p99 mx resp rss scpu rest; do
    # flash: per attempt (all but 100 of them are refused), the others per completed order
    done_orders=$(awk -F'|' -v s="$s" -v c="$c" '$1 == s && $2 == c { print (s == "flash" ? $4 : $3) }' "$WORK/completed.txt")
    cpu_per_order=$(calc "${done_orders:-0} > 0 ? 1000 * $scpu / $done_orders : 0")
    read -r split one < <(awk -F'|' -v s="$s" -v c="$c" '$1 == s && $2 == c { print $3, $4 }' "$FLOOR_ROWS") || true
    if [ -n "${split:-}" ]; then
      echo "| $s | $c | $(fmt "$os" 0) | $(fmt "$p99" 1) | $(fmt "$split" 0) | $(fmt "$one" 0) | $(fmt "$(calc "$os / ($split > 0 ? $split : 1)")" 2) | $(fmt "$(calc "$os / ($one > 0 ? $one : 1)")" 2) | $(fmt "$cpu_per_order" 2) |"
    else
      echo "| $s | $c | $(fmt "$os" 0) | $(fmt "$p99" 1) | - | - | - | - | $(fmt "$cpu_per_order" 2) |"
    fi
    split=""; one=""
  done < "$ROWS"
  echo
  if [ -n "$H2_ROWS" ]; then
    echo "## The embedded H2 default under load"
    echo
    echo "The server with no database configured (H2 in its working directory), $H2_USERS users and $H2_PRODUCTS products seeded over the API, the same wrk script, 16 connections; JIT warm-up ${JIT_WARMUP} s on spread, then warm-up ${WARMUP} s + measurement ${DURATION} s per scenario."
    echo
    echo "| scenario | conns | orders/s | p50 ms | p99 ms | max ms | responses (status[/code]=count) |"
    echo "|---|---:|---:|---:|---:|---:|---|"
    while IFS='|' read -r scenario result; do
      [ -n "$scenario" ] || continue
      completed=$(field completed "$result"); duration=$(field duration_s "$result")
      echo "| $scenario | 16 | $(awk -v c="$completed" -v d="$duration" 'BEGIN { printf "%.0f", c / d }') | $(field p50_ms "$result") | $(field p99_ms "$result") | $(field max_ms "$result") | $(field statuses "$result" | sed 's/,/ · /g') |"
    done <<<"$H2_ROWS"
    echo
  fi
  echo "## Relay drain and start-up"
  echo
  echo "| measurement | result |"
  echo "|---|---|"
  if [ "$RELAY_EVENTS" -gt 0 ]; then
    echo "| relay drain on a cold JVM (just restarted), ORDERS_RELAY_INTERVAL=$RELAY_INTERVAL, batch 500 (default), HTTP receiver on loopback | ${RELAY_RATE:+$(fmt "$RELAY_RATE" 0) events/s; }$RELAY_NOTE${RELAY_E2E:+ (end-to-end incl. JVM start: $(fmt "$RELAY_E2E" 0) events/s)}; $RELAY_BEFORE delivered while paused; $(busy_text "$RELAY_BUSY") just before |"
    echo "| relay drain on the warm JVM: the same events again (admin replay from the first event) | ${RELAY_WARM_RATE:+$(fmt "$RELAY_WARM_RATE" 0) events/s; }$RELAY_WARM_NOTE |"
  fi
  if [ "$RUN_STARTUP" = true ]; then
    echo "| start-up on H2 to the first 200 from /health, empty directory (migrations + demo data), 3 starts | median ${STARTUP_COLD:-failed} ms (${STARTUP_COLD_ALL# } ms); $(busy_text "$STARTUP_BUSY") just before |"
    echo "| start-up on H2, existing database, 2 starts | median ${STARTUP_WARM:-failed} ms (${STARTUP_WARM_ALL# } ms) |"
  fi
  echo "| server RSS, max over every load phase (VmRSS sampled every 0.5 s) | $RSS_MAX MiB |"
  echo
  echo "## Targets"
  echo
  echo "| target | measured | |"
  echo "|---|---|---|"
  for s in spread hot; do
    if [ "$RUN_PGBENCH" = true ] && grep -q "^$s|" "$ROWS"; then
      worst=$(awk -F'|' -v s="$s" '$1 == s && $17 != "-" { if (min == "" || $17 < min) min = $17 } END { print (min == "" ? 0 : min) }' "$ROWS")
      detail=$(awk -F'|' -v s="$s" '$1 == s { printf "%s%s at %s connections", sep, ($17 == "-" ? "no floor" : sprintf("%.3f", $17)), $2; sep = ", " }' "$ROWS")
      echo "| $s ≥ 0.6 of the pgbench floor | $detail | $(met "$(calc "$worst >= 0.6 ? 1 : 0")") |"
    fi
  done
  # issue #15's targets against the naive floor and the CPU per order
  floor_ratio() { awk -F'|' -v s="$1" -v col="$2" 'NR == FNR { os[$1 "|" $2] = $3; next } $1 == s && $col > 0 { r = os[$1 "|" $2] / $col; if (min == "" || r < min) min = r } END { print (min == "" ? "" : min) }' "$ROWS" "$FLOOR_ROWS"; }
  if [ -s "$FLOOR_ROWS" ]; then
    spread_split=$(floor_ratio spread 3)
    [ -n "$spread_split" ] && echo "| spread ≥ 0.6 × the naive split floor (goal 0.8) | $(fmt "$spread_split" 2) (lowest over the connection counts) | $(met "$(calc "$spread_split >= 0.6 ? 1 : 0")") |"
    hot_one=$(floor_ratio hot 4)
    [ -n "$hot_one" ] && echo "| hot ≥ 1.0 × the naive one-transaction floor | $(fmt "$hot_one" 2) (lowest over the connection counts) | $(met "$(calc "$hot_one >= 1.0 ? 1 : 0")") |"
  fi
  if grep -q "^hot|16|" "$ROWS" && grep -q "^spread|16|" "$ROWS"; then
    hot_over_spread=$(calc "$(row_value hot 16 3) / $(row_value spread 16 3)")
    echo "| hot ≥ 0.8 × spread (16 connections) | $(fmt "$hot_over_spread" 2) | $(met "$(calc "$hot_over_spread >= 0.8 ? 1 : 0")") |"
  fi
  if grep -q "^spread|16|" "$WORK/completed.txt" 2>/dev/null; then
    cpu_spread=$(awk -F'|' 'NR == FNR { if ($1 == "spread" && $2 == 16) done = $3; next } $1 == "spread" && $2 == 16 && done > 0 { printf "%.3f", 1000 * $11 / done }' "$WORK/completed.txt" "$ROWS")
    echo "| server CPU ≤ 0.4 ms per completed order (spread, 16 connections) | $cpu_spread ms | $(met "$(calc "$cpu_spread <= 0.4 ? 1 : 0")") |"
  fi
  if grep -q "^spread|64|" "$ROWS"; then
    p99=$(row_value spread 64 7)
    echo "| p99 ≤ 100 ms at 64 connections in spread | $(fmt "$p99" 1) ms | $(met "$(calc "$p99 <= 100 ? 1 : 0")") |"
  fi
  echo "| no 5xx | $FIVEXX_TOTAL 5xx responses (socket errors: $SOCKET_ERRORS_TOTAL) | $(met "$([ "$FIVEXX_TOTAL" -eq 0 ] && echo 1 || echo 0)") |"
  if [ -n "$H2_ROWS" ]; then
    h2_summary=$(while IFS='|' read -r scenario result; do
      if [ -n "$scenario" ]; then
        printf '%s %s orders/s (p99 %s ms); ' "$scenario" \
          "$(awk -v c="$(field completed "$result")" -v d="$(field duration_s "$result")" 'BEGIN { printf "%.0f", c / d }')" "$(field p99_ms "$result")"
      fi
    done <<<"$H2_ROWS")
    echo "| the embedded H2 default measured (16 connections) | ${h2_summary%; } | **met** |"
  fi
  if [ "$RELAY_EVENTS" -gt 0 ]; then
    echo "| relay drain ≥ 3,000 events/s (warm JVM) | $([ -n "$RELAY_WARM_RATE" ] && echo "$(fmt "$RELAY_WARM_RATE" 0) events/s warm, ${RELAY_RATE:+$(fmt "$RELAY_RATE" 0)} cold" || echo "not drained: $RELAY_WARM_NOTE") | $(met "$([ -n "$RELAY_WARM_RATE" ] && calc "$RELAY_WARM_RATE >= 3000 ? 1 : 0" || echo 0)") |"
  fi
  echo "| RSS ≤ 512 MiB | $RSS_MAX MiB | $(met "$(calc "$RSS_MAX <= 512 ? 1 : 0")") |"
  if [ "$RUN_STARTUP" = true ]; then
    echo "| start-up ≤ 3 s on H2 | median ${STARTUP_COLD:-failed} ms (empty directory), ${STARTUP_WARM:-failed} ms (existing database) | $(met "$([ -n "$STARTUP_COLD" ] && calc "$STARTUP_COLD <= 3000 ? 1 : 0" || echo 0)") |"
  fi
  echo "| invariants hold | $([ "$INVARIANT_FAILURES" -eq 0 ] && echo "all runs" || echo "$INVARIANT_FAILURES runs violated them") | $(met "$([ "$INVARIANT_FAILURES" -eq 0 ] && echo 1 || echo 0)") |"
} > "$REPORT"
cp "$REPORT" "$RESULTS_DIR/latest.md"

echo
cat "$REPORT"
echo
log "results written to $REPORT and $RESULTS_DIR/latest.md (raw output in $WORK)"
if [ "$INVARIANT_FAILURES" -gt 0 ]; then
  log "FAILED: invariants were violated in $INVARIANT_FAILURES runs"
  exit 1
fi
