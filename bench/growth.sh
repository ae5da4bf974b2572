#!/usr/bin/env bash
# Growth benchmark (SPEC §3: no query of the relay, of /metrics or of the order path gets slower as history grows).
# Times the relay's batch read, the lag count and one order's placement with 1,000 and then 1,000,000 events and
# idempotency records in PostgreSQL (written by SQL), and prints both. Needs PostgreSQL on 127.0.0.1:5432 (or
# ORDERS_TEST_PG_URL); takes about two minutes, most of it writing the million rows.
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -q -pl adapter-persistence -am test -Dorders.test.excludedGroups=none -Dgroups=benchmark \
  -Dtest=PostgreSQLGrowthBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dorders.test.requirePostgres=true "$@"
