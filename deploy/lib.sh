# Shared shell helpers for the deploy scripts (sourced, not run).

# Prints a TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "error: no free port found on 127.0.0.1" >&2
  return 1
}

# Waits until a TCP port accepts connections, up to $2 seconds.
wait_port() {
  local port=$1 seconds=${2:-20}
  for _ in $(seq 1 $(( seconds * 10 ))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "error: nothing listens on 127.0.0.1:$port after ${seconds}s" >&2
  return 1
}
