#!/usr/bin/env bash
# Throwaway Redis Cluster on 127.0.0.1 for tests: three masters, no replicas, no persistence.
#   deploy/redis-cluster.sh start DIR   → starts the nodes, waits for cluster_state:ok, prints "127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3"
#   deploy/redis-cluster.sh stop DIR    → stops them and deletes DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
cmd=${1:?usage: redis-cluster.sh start|stop DIR}
dir=${2:?usage: redis-cluster.sh start|stop DIR}

# A node also listens on port+10000 (cluster bus), so both must be free and below 65536.
cluster_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(free_port)
    if [ "$port" -le 55000 ] && ! (exec 3<>"/dev/tcp/127.0.0.1/$((port + 10000))") 2>/dev/null \
       && ! grep -qx "$port" "$dir/ports" 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "error: no free port pair for a cluster node" >&2
  return 1
}

case "$cmd" in
  start)
    # A node can fail to bind a port picked as free a moment earlier (another process took it, or an outgoing
    # connection holds it): show why and try again on new ports, up to three times.
    for attempt in 1 2 3; do
      rm -rf "$dir"
      mkdir -p "$dir"
      : > "$dir/ports"
      for i in 1 2 3; do
        port=$(cluster_port)
        mkdir -p "$dir/$port"
        redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
          --cluster-enabled yes --cluster-config-file "$dir/$port/nodes.conf" --cluster-node-timeout 5000 \
          --dir "$dir/$port" --pidfile "$dir/$port/redis.pid" --logfile "$dir/$port/redis.log" >/dev/null
        echo "$port" >> "$dir/ports"
      done
      nodes=()
      started=1
      while read -r port; do
        if wait_port "$port" 20; then
          nodes+=("127.0.0.1:$port")
        else
          started=0
          tail -n 5 "$dir/$port/redis.log" >&2 2>/dev/null || true
        fi
      done < "$dir/ports"
      [ "$started" -eq 1 ] && break
      while read -r port; do redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; done < "$dir/ports"
      [ "$attempt" -lt 3 ] && echo "retrying the cluster on new ports (attempt $((attempt + 1)) of 3)" >&2
    done
    [ "$started" -eq 1 ] || { echo "error: the cluster nodes did not start" >&2; exit 1; }
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >"$dir/create.log" 2>&1 \
      || { cat "$dir/create.log" >&2; exit 1; }
    for _ in $(seq 1 200); do
      ok=0
      while read -r port; do
        redis-cli -p "$port" cluster info 2>/dev/null | grep -q '^cluster_state:ok' && ok=$((ok + 1))
      done < "$dir/ports"
      [ "$ok" -eq 3 ] && break
      sleep 0.1
    done
    [ "$ok" -eq 3 ] || { echo "error: cluster_state is not ok after 20s" >&2; exit 1; }
    (IFS=,; echo "${nodes[*]}")
    ;;
  stop)
    if [ -f "$dir/ports" ]; then
      while read -r port; do redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; done < "$dir/ports"
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: redis-cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
