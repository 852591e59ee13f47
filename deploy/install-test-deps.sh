#!/usr/bin/env bash
# Installs what the test suite needs and the machine lacks: PostgreSQL 15, Redis and Prometheus with promtool
# (apt; the metrics tests let a real Prometheus scrape the feature server), kcat (the Kafka tests' independent producer), and the npm packages of the interop tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

missing=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
# gRPC interop tests (serving): Debian's grpcio for Python, protoc + the grpc python plugin + well-known protos for its stubs.
/usr/bin/python3 -c 'import grpc, google.protobuf' >/dev/null 2>&1 || missing+=(python3-grpcio python3-protobuf)
[ -x /usr/bin/protoc ] || missing+=(protobuf-compiler)
[ -x /usr/bin/grpc_python_plugin ] || missing+=(protobuf-compiler-grpc)
[ -f /usr/include/google/protobuf/timestamp.proto ] || missing+=(libprotobuf-dev)
# Kafka ingestion tests: kcat produces to librdkafka's mock cluster from another process.
command -v kcat >/dev/null 2>&1 || missing+=(kcat)

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing with apt-get: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f "$root/tests/interop/package-lock.json" ]; then
  if [ ! -d "$root/tests/interop/node_modules" ] || [ "$root/tests/interop/package-lock.json" -nt "$root/tests/interop/node_modules/.package-lock.json" ]; then
    echo "installing npm packages for the interop tests"
    npm ci --prefix "$root/tests/interop" --no-audit --no-fund --loglevel=error
  fi
fi

# gRPC interop tests (serving): Node @grpc/grpc-js and @grpc/proto-loader.
if [ ! -d "$root/tests/interop-grpc/node_modules" ] || [ "$root/tests/interop-grpc/package-lock.json" -nt "$root/tests/interop-grpc/node_modules/.package-lock.json" ]; then
  echo "installing npm packages for the gRPC interop tests"
  npm ci --prefix "$root/tests/interop-grpc" --no-audit --no-fund --loglevel=error
fi
