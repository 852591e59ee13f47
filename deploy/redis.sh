#!/usr/bin/env bash
# Throwaway Redis on 127.0.0.1 for tests (no persistence).
#   deploy/redis.sh start DIR   → starts a server on a free port, prints "127.0.0.1:PORT"
#   deploy/redis.sh stop DIR    → stops it and deletes DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
cmd=${1:?usage: redis.sh start|stop DIR}
dir=${2:?usage: redis.sh start|stop DIR}

case "$cmd" in
  start)
    mkdir -p "$dir"
    port=$(free_port)
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
    wait_port "$port" 20
    echo "$port" > "$dir/port"
    echo "127.0.0.1:$port"
    ;;
  stop)
    if [ -f "$dir/port" ]; then redis-cli -p "$(cat "$dir/port")" shutdown nosave >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: redis.sh start|stop DIR" >&2; exit 2 ;;
esac
