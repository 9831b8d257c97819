#!/bin/sh
# Records the real kubectl's `--help` for every command and subcommand it has, as
# test/golden/kubectl-help/<command path joined by ->.txt (e.g. create-service-nodeport.txt).
# Help is computed client-side, so no server is involved. Rerun when the kubectl version changes.
set -u
here=$(cd "$(dirname "$0")" && pwd)
dir="$here/kubectl-help"
rm -rf "$dir" && mkdir -p "$dir"
KUBECONFIG=/dev/null kubectl --help >"$dir/kubectl.txt"
walk() {
  # $1: the command path as words; lists the words under "Available Commands:" and recurses
  path="$1"
  file="$dir/$(echo "$path" | tr ' ' '-').txt"
  # shellcheck disable=SC2086
  KUBECONFIG=/dev/null kubectl $path --help >"$file" 2>/dev/null
  subs=$(awk '/^Available Commands:/{on=1;next} on&&/^$/{on=0} on{print $1}' "$file")
  for s in $subs; do (walk "$path $s"); done
}
for c in $(KUBECONFIG=/dev/null kubectl --help | awk '/^  [a-z]/{print $1}'); do
  case $c in help|plugin|completion|kubectl) continue ;; esac
  walk "$c"
done
