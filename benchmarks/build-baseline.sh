#!/usr/bin/env bash
# Builds the featurestore CLI of a git revision into OUTDIR (a throwaway `git worktree` in a temp folder, removed after),
# for the serving benchmark's side-by-side mode: `serving --server-cli OUTDIR,...`. Prints OUTDIR/featurestore.dll.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 REV OUTDIR   (e.g. $0 main /tmp/cli-main)" >&2
  exit 2
fi
rev=$1
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
commit=$(git -C "$repo" rev-parse --verify --quiet "$rev^{commit}") || { echo "$0: '$rev' is not a commit of $repo" >&2; exit 2; }
mkdir -p "$2"
out=$(cd "$2" && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fs-baseline-XXXXXX")
cleanup() {
  git -C "$repo" worktree remove --force "$tmp/src" 2>/dev/null || true
  rm -rf "$tmp"
  git -C "$repo" worktree prune
}
trap cleanup EXIT

git -C "$repo" worktree add --detach --quiet "$tmp/src" "$commit"
# The CLI project may have moved between revisions: find it in that revision's tree.
project=$(git -C "$tmp/src" ls-files '*FeatureStore.Cli/FeatureStore.Cli.csproj' | head -n 1)
[[ -n $project ]] || { echo "$0: no FeatureStore.Cli.csproj in $rev" >&2; exit 1; }
# Published as ./featurestore publishes it (ReadyToRun), so every side of a comparison is built the same way.
dotnet publish "$tmp/src/$project" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
  -o "$out" -nologo -v q -clp:ErrorsOnly >&2
[[ -f $out/featurestore.dll ]] || { echo "$0: the build of $rev left no $out/featurestore.dll" >&2; exit 1; }
echo "built $rev ($commit) into $out" >&2
echo "$out/featurestore.dll"
