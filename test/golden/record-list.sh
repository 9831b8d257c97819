#!/bin/sh
# Records the real `kubectl events` against test/golden/fake-list-server.mjs (the events of
# fixtures/events.json, the services of fixtures/services.json). The timestamps there are fixed, so only what does not depend on the time of
# recording is kept: the order kubectl sorts them in, which ones it selects, and the YAML and JSON it prints.
#   npx tsc -p tsconfig.json && sh test/golden/record-list.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
port=18432
node "$here/fake-list-server.mjs" $port &
server=$!
sleep 1
export SERVER=http://127.0.0.1:$port
names='-o=jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name} {.type} {.reason}{"\n"}{end}'
sh "$here/record.sh" events-sorted events "$names"
sh "$here/record.sh" events-all-namespaces events -A "$names"
sh "$here/record.sh" events-types-warning events --types=warning,Warning "$names"
sh "$here/record.sh" events-for-pod events --for pod/web-1 "$names"
sh "$here/record.sh" events-for-deployment events --for deployments.apps/web --types Normal "$names"
sh "$here/record.sh" events-for-unknown-type events --for foo/bar
sh "$here/record.sh" events-none-in-namespace events -n empty
sh "$here/record.sh" events-none-all-namespaces events -A --for node/nope
sh "$here/record.sh" events-yaml events -n kube-system -o yaml
sh "$here/record.sh" events-json events --for deploy/web -o json
sh "$here/record.sh" events-name events -o name
sh "$here/record.sh" cluster-info cluster-info
sh "$here/record.sh" cluster-info-namespace cluster-info -n team
sh "$here/record.sh" cluster-info-empty-namespace cluster-info -n empty
sh "$here/record.sh" cluster-info-args cluster-info extra words
sh "$here/record.sh" cluster-info-output cluster-info -o yaml
kill $server
