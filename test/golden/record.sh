#!/bin/sh
# Records one run of the real kubectl (never ours) as test/golden/kubectl/CASE.{args,stdout,stderr,code}.
#   test/golden/record.sh CASE ARG...
# The command runs in test/golden/fixtures (relative paths in ARG point there), against a kubeconfig
# whose server is 127.0.0.1:1, so only what kubectl computes client-side can succeed. STDIN=FILE feeds
# a file (relative to fixtures) to standard input; SERVER=URL points the kubeconfig elsewhere (a fake
# API server that only answers discovery, for the commands that need it). .args holds one argument per line.
set -u
here=$(cd "$(dirname "$0")" && pwd)
case_name=$1
shift
out="$here/kubectl/$case_name"
cfg=$(mktemp)
cat >"$cfg" <<CFG
apiVersion: v1
kind: Config
clusters:
- name: none
  cluster:
    server: ${SERVER:-https://127.0.0.1:1}
contexts:
- name: none
  context:
    cluster: none
    user: none
current-context: none
users:
- name: none
  user:
    token: none
CFG
: >"$out.args"
for a in "$@"; do printf '%s\n' "$a" >>"$out.args"; done
cd "$here/fixtures" || exit 1
if [ -n "${STDIN:-}" ]; then
  KUBECONFIG="$cfg" kubectl "$@" <"$STDIN" >"$out.stdout" 2>"$out.stderr"
else
  KUBECONFIG="$cfg" kubectl "$@" </dev/null >"$out.stdout" 2>"$out.stderr"
fi
echo $? >"$out.code"
rm -f "$cfg"
