#!/bin/sh
# Records `kubectl config ...` runs of the real kubectl (never ours) as test/golden/kubectl/CASE.*, against a
# kubeconfig shaped like the one kubecadet writes: kubeadm's admin.conf for the cluster `kubernetes`, plus
# a second cluster `exam`. Each case gets a fresh copy of it.
#   test/golden/record-config.sh CASE ARG...       one run
#   SETUP="config use-context x" test/golden/record-config.sh CASE ARG...   a run after another (CASE.setup)
#   CURRENT=ctx test/golden/record-config.sh CASE ARG...   another current-context, empty for none (CASE.current)
# SETUP may hold several commands, one a line. In arguments, @DIR@ stands for a folder holding a copy of
# test/golden/fixtures/pki (client certificates and keys), next to the kubeconfig (kubectl stores paths
# relative to the kubeconfig's folder); outputs name that folder @DIR@ and the kubeconfig <kubeconfig>.
set -u
here=$(cd "$(dirname "$0")" && pwd)
case_name=$1
shift
out="$here/kubectl/$case_name"
top=$(mktemp -d)
cfg="$top/kubeconfig"
dir="$top/pki"
mkdir "$dir"
cp "$here/fixtures/pki/"* "$dir/"
CA=$(printf 'kubecadet simulated cluster CA' | base64)
CRT=$(printf 'kubecadet simulated client certificate' | base64)
KEY=$(printf 'kubecadet simulated client key' | base64)
cat >"$cfg" <<CFG
apiVersion: v1
kind: Config
clusters:
- name: kubernetes
  cluster:
    certificate-authority-data: $CA
    server: https://172.30.1.2:6443
- name: exam
  cluster:
    certificate-authority-data: $CA
    server: https://exam-controlplane:6443
contexts:
- name: kubernetes-admin@kubernetes
  context:
    cluster: kubernetes
    user: kubernetes-admin
- name: kubernetes-admin@exam
  context:
    cluster: exam
    user: kubernetes-admin
current-context: "${CURRENT-kubernetes-admin@kubernetes}"
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: $CRT
    client-key-data: $KEY
CFG
: >"$out.args"
for a in "$@"; do printf '%s\n' "$a" >>"$out.args"; done
if [ -n "${CURRENT+set}" ]; then printf '%s\n' "$CURRENT" >"$out.current"; fi
if [ -n "${SETUP:-}" ]; then
  printf '%s\n' "$SETUP" >"$out.setup"
  printf '%s\n' "$SETUP" | sed "s|@DIR@|$dir|g" | while IFS= read -r line; do
    # shellcheck disable=SC2086
    KUBECONFIG="$cfg" kubectl $line >/dev/null 2>&1
  done
fi
for a in "$@"; do set -- "$@" "$(printf '%s' "$a" | sed "s|@DIR@|$dir|g")"; shift; done
KUBECONFIG="$cfg" kubectl "$@" </dev/null >"$out.stdout" 2>"$out.stderr"
echo $? >"$out.code"
sed -i -e "s|$dir|@DIR@|g" -e "s|$cfg|<kubeconfig>|g" "$out.stdout" "$out.stderr"
rm -rf "$top"
