#!/bin/sh
# Records the real `kubectl kustomize` of every kustomization under test/golden/fixtures/kustomize as
# test/golden/kubectl-kustomize/<case>.{stdout,stderr,code}. kustomize runs client-side: no server is involved.
# Absolute paths in messages are written as <FIXTURES>, so the recordings do not depend on where the tree lives.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src="$here/fixtures/kustomize"
out="$here/kubectl-kustomize"
rm -rf "$out" && mkdir -p "$out"
cd "$src" || exit 1
for d in */; do
  d=${d%/}
  KUBECONFIG=/dev/null kubectl kustomize "$d" >"$out/$d.stdout" 2>"$out/$d.stderr"
  echo $? >"$out/$d.code"
  sed -i "s|$src|<FIXTURES>|g" "$out/$d.stderr"
done
