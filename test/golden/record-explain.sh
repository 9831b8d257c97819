#!/bin/sh
# Records the real kubectl's explain and get --raw against test/golden/fake-apiserver.mjs, which serves
# discovery and the OpenAPI v3 documents from the same modules kubecadet uses (build first):
#   node test/golden/fake-apiserver.mjs 18231 test/golden/fixtures/explain/crontab-crd.yaml &
#   SERVER=http://127.0.0.1:18231 sh test/golden/record-explain.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
r() { "$here/record.sh" "$@"; }
export SERVER=${SERVER:-http://127.0.0.1:18231}
r explain-pods explain pods
r explain-pod-spec explain pod.spec
r explain-pods-containers explain pods.spec.containers
r explain-pods-image-pull-policy explain pods.spec.containers.imagePullPolicy
r explain-pods-restart-policy explain po.spec.restartPolicy
r explain-pods-resources-limits explain pods.spec.containers.resources.limits
r explain-pods-recursive-metadata explain pods.metadata --recursive
r explain-deploy explain deploy
r explain-deployments-apps-spec explain deployments.apps.spec
r explain-deploy-strategy explain deployment.spec.strategy
r explain-deploy-recursive explain deployments --recursive
r explain-deploy-api-version explain deployments --api-version=apps/v1
r explain-deploy-api-version-bad explain deployments --api-version=apps/v2
r explain-deploy-api-version-wrong-group explain deployments --api-version=batch/v1
r explain-deploy-api-version-three explain deployments --api-version=a/b/c
r explain-svc-ports explain svc.spec.ports
r explain-svc-target-port explain service.spec.ports.targetPort
r explain-svc-type explain svc.spec.type
r explain-pods-tolerations explain pods.spec.tolerations
r explain-ingress-rules explain ingress.spec.rules
r explain-cronjob-recursive explain cronjobs.spec.jobTemplate --recursive
r explain-netpol explain networkpolicies.spec
r explain-cm-data explain configmap.data
r explain-node-status explain nodes.status.conditions
r explain-pv explain pv
r explain-role-rules explain roles.rules
r explain-crd-versions explain crd.spec.versions
r explain-crd-schema-recursive explain crd.spec.versions.schema.openAPIV3Schema --recursive
r explain-crd-schema-properties explain customresourcedefinitions.spec.versions.schema.openAPIV3Schema.properties.items
r explain-crontab explain crontab
r explain-crontab-spec explain ct.spec
r explain-crontab-policy explain crontabs.spec.concurrencyPolicy
r explain-crontab-metadata explain crontabs.stable.example.com.metadata
r explain-crontab-recursive explain crontab --recursive
r explain-crontab-env explain crontab.spec.env
r explain-crontab-template explain crontab.spec.template
r explain-crontab-max-skew explain crontab.spec.maxSkew
r explain-field-missing explain pods.foo
r explain-field-missing-deep explain pods.spec.containers.foo
r explain-field-missing-scalar explain pods.spec.restartPolicy.foo
r explain-unknown-type explain foo
r explain-unknown-type-field explain foo.bar
r explain-no-args explain
r explain-two-args explain pods svc
r explain-bad-output explain pods -o yaml
r explain-openapiv2 explain pods -o plaintext-openapiv2
r explain-jsonpath-index explain pods.spec.containers[0]
r explain-jsonpath-double-dot explain pods..spec
r explain-trailing-dot explain pods.spec.
r explain-kind-case explain Pod.spec.nodeName
r explain-apps-as-field explain Deployments.apps
r explain-missing-path-segment-api explain pods --api-version=v2
# get --raw: kubectl's own checks, and how it prints what the server answers
r get-raw-args get pods --raw /api
r get-raw-output get --raw /api -o json
r get-raw-watch get --raw /api -w
r get-raw-selector get --raw /api -l app=web
r get-raw-bad-uri get --raw api/v1
r get-raw-unknown-path get --raw /nope
r get-raw-api get --raw /api
