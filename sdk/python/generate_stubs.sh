#!/usr/bin/env bash
# Writes the gRPC stubs into featurestore_client/_generated/ (Debian protoc + grpc_python_plugin). Usage: generate_stubs.sh [PROTOS_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
exec /usr/bin/python3 featurestore_client/stubs.py "$@"
