#!/usr/bin/env bash
# make loadtest: gunicorn on 127.0.0.1 against the bench database, wrk as a logged-in user.
#
# Serves data/bench.sqlite3 (built by bench/dataset.py if missing: 10 users x 10,000 contacts),
# logs in as "demo", then loads the dashboard, the contacts list and /healthz (the ceiling) for
# LOADTEST_SECONDS each and prints requests/s and latency percentiles. Everything it starts is
# stopped on exit, however it exits.
#
# Settings (environment): LOADTEST_SECONDS (10), LOADTEST_CONNECTIONS (10), LOADTEST_PORT (8765),
# LOADTEST_WORKERS (2 x cores + 1 sync workers), BENCH_DB (data/bench.sqlite3).
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
DB=$(realpath -m "${BENCH_DB:-data/bench.sqlite3}")
PORT=${LOADTEST_PORT:-8765}
SECONDS_EACH=${LOADTEST_SECONDS:-10}
CONNECTIONS=${LOADTEST_CONNECTIONS:-10}
CORES=$(nproc)
WORKERS=${LOADTEST_WORKERS:-$((2 * CORES + 1))}
BASE="http://127.0.0.1:${PORT}"
WORK=$(mktemp -d)
SERVER_PID=""

cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID"  # the gunicorn master stops its own workers
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

if ! command -v wrk >/dev/null; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    else
        echo "loadtest: wrk is missing; install it (Debian: sudo apt-get install wrk)" >&2
        exit 1
    fi
fi

"$PYTHON" bench/dataset.py --db "$DB"

export DATABASE_URL="sqlite:///${DB}" DEBUG=false
# One process per worker, each with its own SQLite connection (WAL: readers never wait).
.venv/bin/gunicorn devhub.wsgi:application --bind "127.0.0.1:${PORT}" --workers "$WORKERS" \
    --worker-class sync --preload --log-level warning >"$WORK/gunicorn.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 100); do
    curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || {
        echo "loadtest: gunicorn did not start:" >&2
        cat "$WORK/gunicorn.log" >&2
        exit 1
    }
    sleep 0.2
done

# Log in like a browser: the form's CSRF token, then the session cookie.
JAR="$WORK/cookies"
TOKEN=$(curl -fsS -c "$JAR" "$BASE/accounts/login/" \
    | sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' | head -n1)
curl -fsS -b "$JAR" -c "$JAR" -o /dev/null -e "$BASE/accounts/login/" \
    --data-urlencode "csrfmiddlewaretoken=$TOKEN" --data-urlencode "username=demo" \
    --data-urlencode "password=bench-password" "$BASE/accounts/login/"
SESSION=$(awk '$6 == "sessionid" {print $7}' "$JAR")
if [[ -z "$SESSION" ]]; then
    echo "loadtest: could not log in as demo" >&2
    exit 1
fi
# Both cookies, as a browser sends them (the dashboard is cached per browser's CSRF secret).
COOKIE="sessionid=$SESSION; csrftoken=$(awk '$6 == "csrftoken" {print $7}' "$JAR")"

run() {  # name path
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$2")
    if [[ "$status" != 200 ]]; then
        echo "loadtest: $2 answered $status, not 200" >&2
        exit 1
    fi
    # Warm every worker up (templates compiled, connections open) before measuring.
    wrk -t2 -c"$CONNECTIONS" -d2s -H "Cookie: $COOKIE" "$BASE$2" >/dev/null
    local line
    line=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 10s -H "Cookie: $COOKIE" \
        -s bench/wrk_report.lua "$BASE$2" | grep '^RESULT')
    printf '%-16s %s\n' "$1" "${line#RESULT }"
}

echo "loadtest: gunicorn, $WORKERS sync workers on $CORES cores; wrk 2 threads, $CONNECTIONS connections, ${SECONDS_EACH}s per page"
echo "          $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); data: $DB"
run "/healthz" "/healthz"
run "dashboard" "/"
run "contacts list" "/contacts/"
