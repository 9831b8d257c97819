#!/bin/sh
# Re-records the create and run cases from the real kubectl: sh test/golden/record-create.sh
cd "$(dirname "$0")" || exit 1
r() { ./record.sh "$@"; }
D='--dry-run=client'
# deployment
r create-deployment-cmd-json create deployment web --image=busybox $D -o json -- sleep 10
r create-deployment-port-json create deployment web --image=nginx --port=80 -r 2 $D -o json
r create-deployment-ns-json create deployment web --image=nginx -n dev $D -o json
r create-deployment-digest-yaml create deployment web --image=registry.k8s.io/pause@sha256:abc $D -o yaml
r create-deployment-images-cmd create deployment web --image=a --image=b $D -- sleep 1
r create-deployment-two-names create deployment a b --image=nginx $D
r create-deployment-save-config-yaml create deployment web --image=nginx --save-config $D -o yaml
r create-deployment-alias-name create deploy web --image=nginx $D -o name
r create-deployment-wide create deployment web --image=nginx $D -o wide
r create-deployment-dryrun-bare create deployment web --image=nginx --dry-run -o name
r create-deployment-no-args create deployment $D
r create-deployment-bad-replicas create deployment web --image=nginx --replicas=x $D
# namespace, serviceaccount
r create-namespace-json create namespace dev $D -o json
r create-namespace-alias create ns dev $D
r create-namespace-ns-flag-yaml create namespace dev -n other $D -o yaml
r create-serviceaccount-json create serviceaccount robot -n dev $D -o json
r create-serviceaccount-alias create sa robot $D
# configmap
r create-configmap-json create configmap cfg --from-literal=b=2 --from-literal=a=1 $D -o json
r create-configmap-dir-yaml create configmap cfg --from-file=create/conf $D -o yaml
r create-configmap-dir-key create configmap cfg --from-file=k=create/conf $D
r create-configmap-files-comma-yaml create cm cfg --from-file=create/greeting.txt,create/conf/app.yaml $D -o yaml
r create-configmap-binary-yaml create configmap cfg --from-file=create/blob.bin --from-literal=x=y $D -o yaml
r create-configmap-binary-json create configmap cfg --from-file=create/blob.bin $D -o json
r create-configmap-envfile-json create configmap cfg --from-env-file=create/app.env $D -o json
r create-configmap-envfiles-yaml create configmap cfg --from-env-file=create/app.env --from-env-file=create/other.env $D -o yaml
r create-configmap-envfile-and-literal create configmap cfg --from-env-file=create/app.env --from-literal=a=1 $D
r create-configmap-envfile-badkey create configmap cfg --from-env-file=create/badkey.env $D
r create-configmap-envfile-dir create configmap cfg --from-env-file=create/conf $D
r create-configmap-missing-file create configmap cfg --from-file=create/nothere.txt $D
r create-configmap-dup-key create configmap cfg --from-literal=a=1 --from-literal=a=2 $D
r create-configmap-bad-key create configmap cfg --from-literal=a/b=1 $D
r create-configmap-file-key-missing create configmap cfg --from-file==create/greeting.txt $D
r create-configmap-file-path-missing create configmap cfg --from-file=k= $D
r create-configmap-file-two-eq create configmap cfg --from-file=a=b=c $D
r create-configmap-empty-yaml create configmap cfg $D -o yaml
r create-configmap-literal-eq-yaml create configmap cfg --from-literal=url=a=b --from-literal=empty= $D -o yaml
r create-configmap-append-hash-yaml create configmap cfg --from-literal=a=1 --append-hash $D -o yaml
# secret
r create-secret-generic-json create secret generic db --from-literal=user=admin --from-file=create/greeting.txt $D -o json
r create-secret-generic-file-yaml create secret generic db --from-file=key=create/greeting.txt --from-env-file=create/other.env $D -o yaml
r create-secret-generic-envfile-yaml create secret generic db --from-env-file=create/app.env $D -o yaml
r create-secret-generic-dup create secret generic db --from-literal=a=1 --from-literal=a=2 $D
r create-secret-generic-bad-key create secret generic db --from-literal=a/b=1 $D
r create-secret-generic-append-hash-yaml create secret generic db --from-literal=a=1 --append-hash $D -o yaml
r create-secret-docker-json create secret docker-registry regcred --docker-username=u --docker-password=p $D -o json
r create-secret-docker-missing create secret docker-registry regcred --docker-username=u $D
r create-secret-docker-fromfile-yaml create secret docker-registry regcred --from-file=.dockerconfigjson=create/greeting.txt $D -o yaml
r create-secret-tls-yaml create secret tls web-tls --cert=create/tls.crt --key=create/tls.key $D -o yaml
r create-secret-tls-missing create secret tls web-tls --cert=create/tls.crt $D
r create-secret-tls-nofile create secret tls web-tls --cert=create/nothere.crt --key=create/tls.key $D
r create-secret-tls-mismatch create secret tls web-tls --cert=create/tls.crt --key=create/other.key $D
r create-secret-tls-notpem create secret tls web-tls --cert=create/greeting.txt --key=create/tls.key $D
r create-secret-no-sub create secret
r create-secret-bad-sub create secret foo
# service
r create-service-clusterip-json create service clusterip web --tcp=80:8080 --tcp=443 $D -o json
r create-service-named-target-yaml create svc clusterip web --tcp=80:http $D -o yaml
r create-service-nodeport-json create service nodeport web --tcp=80:8080 --node-port=30080 $D -o json
r create-service-externalname-json create service externalname ext --external-name=example.com --tcp=80 $D -o json
r create-service-externalname-bad create service externalname ext --external-name=Bad_Name $D
r create-service-externalname-missing create service externalname ext $D
r create-service-headless-nodeport create service nodeport web --clusterip=None $D
r create-service-bad-port create service clusterip web --tcp=abc $D
r create-service-bad-target create service clusterip web --tcp=80:0 $D
r create-service-bad-target-name create service clusterip web --tcp=80:Bad_Name $D
r create-service-clusterip-ip-yaml create service clusterip web --tcp=80 --clusterip=10.96.0.50 $D -o yaml
r create-service-no-sub create service
# job, cronjob
r create-job-json create job hello --image=busybox $D -o json -- echo hi
r create-job-no-image create job hello $D
r create-job-from-and-image create job hello --image=busybox --from=cronjob/x $D
r create-cronjob-json create cronjob tick --image=busybox --schedule='*/5 * * * *' --restart=Never $D -o json -- date
r create-cronjob-alias-yaml create cj tick --image=busybox --schedule='@hourly' $D -o yaml
r create-cronjob-no-image create cronjob tick --schedule='* * * * *' $D
r create-cronjob-bad-restart create cronjob tick --image=busybox --schedule='* * * * *' --restart=Always $D
# rbac (bindings need no discovery)
r create-rolebinding-json create rolebinding rb --clusterrole=view --user=a --user=b --group=g --serviceaccount=ns:sa -n dev $D -o json
r create-rolebinding-both create rolebinding rb --clusterrole=view --role=r $D
r create-rolebinding-none create rolebinding rb $D
r create-rolebinding-bad-sa create rolebinding rb --role=r --serviceaccount=robot $D
r create-clusterrolebinding-json create clusterrolebinding crb --clusterrole=view --user=u --serviceaccount=kube-system:default $D -o json
r create-clusterrolebinding-no-role create clusterrolebinding crb --user=u $D
# quota, priorityclass, pdb, ingress
r create-quota-json create quota q1 --hard=pods=10,cpu=500m --scopes=BestEffort,NotTerminating $D -o json
r create-quota-canonical-yaml create quota q1 --hard=cpu=0.5,memory=1024Mi,requests.storage=2000M $D -o yaml
r create-quota-bad create quota q1 --hard=cpu $D
r create-quota-bad-quantity create quota q1 --hard=cpu=lots $D
r create-quota-empty-yaml create quota q1 $D -o yaml
r create-quota-alias create resourcequota q1 --hard=pods=1 $D
r create-priorityclass-json create priorityclass high --value=1000 --global-default --preemption-policy=Never $D -o json
r create-priorityclass-alias-yaml create pc low $D -o yaml
r create-pdb-json create pdb web-pdb --selector=app=web --max-unavailable=20% $D -o json
r create-pdb-expr-yaml create poddisruptionbudget p --selector='app in (a,b),!legacy,tier=fe' --min-available=2 $D -o yaml
r create-pdb-no-selector create pdb p --min-available=1 $D
r create-pdb-no-min create pdb p --selector=app=web $D
r create-pdb-both create pdb p --selector=app=web --min-available=1 --max-unavailable=1 $D
r create-pdb-bad-min create pdb p --selector=app=web --min-available=x $D
r create-ingress-json create ingress web --rule='foo.com/bar*=svc1:http,tls' --rule='foo.com/baz=svc2:80' --annotation=a=b $D -o json
r create-ingress-default-backend-yaml create ing web --default-backend=svc:8080 --rule='/=svc:80' --rule='bar.com/*=svc:80,tls=cert' $D -o yaml
r create-ingress-none create ingress web $D
r create-ingress-bad-rule create ingress web --rule='foo' $D
r create-ingress-bad-backend create ingress web --default-backend=svc $D
r create-ingress-bad-annotation create ingress web --rule='a.com/=s:80' --annotation=novalue $D
# create itself
r create-no-args create
r create-unexpected-args create foo
r create-f-missing create -f create/nothere.yaml
# These need discovery (role resources, run's REST mapping) even with --dry-run=client: a fake API
# server that serves discovery only, e.g. python3 ../../../shared/golden/kubectl-v1.32/tools/fakeapi.py 18099 STATE
export SERVER=${SERVER:-http://127.0.0.1:18099}
r create-role-json create role pod-reader --verb=get,list --verb=get --resource=pods,deploy,pods/log -n dev $D -o json
r create-role-star-yaml create role admin --verb='*' --verb=get --resource='*' $D -o yaml
r create-role-names-yaml create role r --verb=get --resource=cm --resource-name=a --resource-name=b --resource-name=a $D -o yaml
r create-role-no-verb create role r --resource=pods $D
r create-role-no-resource create role r --verb=get $D
r create-role-unknown-resource create role r --verb=get --resource=foo $D
r create-role-unknown-group create role r --verb=get --resource=foo.apps $D
r create-role-special-verb create role r --verb=bind --resource=pods $D
r create-role-group-only create role r --verb=get --resource=.apps $D
r create-clusterrole-json create clusterrole c --verb=get --resource=nodes,deployments.apps --non-resource-url=/logs/* $D -o json
r create-clusterrole-nonresource-yaml create clusterrole c --verb=get --non-resource-url=/healthz --non-resource-url=/healthz $D -o yaml
r create-clusterrole-aggregation-yaml create clusterrole agg --aggregation-rule=rbac.example.com/aggregate-to-monitoring=true $D -o yaml
r create-clusterrole-aggregation-and-verb create clusterrole agg --aggregation-rule=a=b --verb=get $D
r create-clusterrole-bad-nonresource-verb create clusterrole c --verb=list --non-resource-url=/x $D
r create-clusterrole-bad-url create clusterrole c --verb=get --non-resource-url=x $D
r create-clusterrole-none create clusterrole c --verb=get $D
# run
r run-json run nginx --image=nginx $D -o json
r run-full-json run box --image=busybox:1.36 --restart=Never --labels=tier=a,team=b --port=8080 --env=A=1 --env=B=two --annotations=x=y --image-pull-policy=Always --privileged $D -o json --command -- sleep 3600
r run-ns-yaml run nginx --image=nginx -n dev $D -o yaml
r run-expose-yaml run web --image=nginx --port=80 --expose $D -o yaml
r run-expose-msg run web --image=nginx --port=80 --expose $D
r run-expose-labels-json run web --image=nginx --port=80 --labels=app=web --expose $D -o json
r run-expose-no-port run web --image=nginx --expose $D
r run-bad-pull-policy run p --image=nginx --image-pull-policy=Sometimes $D
r run-bad-env run p --image=nginx --env=NOVALUE $D
r run-bad-label run p --image=nginx --labels=novalue $D
r run-bad-image run p --image=Nginx:Latest $D
r run-bad-port run p --image=nginx --port=abc $D
r run-tty-no-stdin run p --image=nginx -t $D
r run-rm-no-attach run p --image=nginx --rm $D
r run-attach-dryrun run p --image=nginx -i $D
r run-name-after-dash run --image=nginx $D -- sleep 1
r run-bad-dryrun run p --image=nginx --dry-run=maybe
r run-bad-output run p --image=nginx $D -o wide
r run-stdin-yaml run p --image=busybox --stdin --tty --leave-stdin-open $D -o yaml
r run-bad-name run Bad_Name --image=nginx $D -o name
# create -f: the resource builder needs discovery for the mapping even with --dry-run=client
r create-f-save-config-json create -f create/pod.yaml --validate=false --save-config --dry-run=client -o json
r create-f-dryrun-client-yaml create -f create/pod.yaml -f create/conf/app.yaml -f create/list.json --validate=false --dry-run=client -o yaml
r create-f-dryrun-client-name create -f create/list.json -R -f create/conf -n dev --validate=false --dry-run=client -o name
r run-overrides-yaml run x --image=nginx --overrides='{"spec":{"nodeName":"node01","containers":[{"name":"x","image":"nginx","stdin":true}]}}' --dry-run=client -o yaml
r run-overrides-json run x --image=nginx --labels=a=b --overrides='{"metadata":{"annotations":{"k":"v"}},"spec":{"nodeSelector":{"disk":"ssd"}}}' --dry-run=client -o json
r run-overrides-bad run x --image=nginx --overrides='{bad' --dry-run=client
r run-overrides-strategic-yaml run x --image=nginx --override-type=strategic --overrides='{"spec":{"containers":[{"name":"x","tty":true}]}}' --dry-run=client -o yaml
r run-overrides-json-patch-yaml run x --image=nginx --override-type=json --overrides='[{"op":"add","path":"/spec/hostNetwork","value":true}]' --dry-run=client -o yaml
r run-overrides-bad-type run x --image=nginx --override-type=foo --overrides='{}' --dry-run=client
unset SERVER
r create-token-no-name create token
r create-token-subsecond create token robot --duration=1.5s
r create-token-name-no-kind create token robot --bound-object-name=x
r create-token-uid-no-kind create token robot --bound-object-uid=x
r create-token-bad-kind create token robot --bound-object-kind=Deployment
r create-token-kind-no-name create token robot --bound-object-kind=Pod
r create-token-empty-audience create token robot --audience=
r create-token-negative create token robot --duration=-1s
r create-namespace-dryrun-true create namespace x --dry-run=true -o name
r create-namespace-bad-validate create namespace x --validate=maybe $D
r create-namespace-validate-false create namespace x --validate=false $D
r create-namespace-validate-bare create namespace x --validate $D -o name
# Variations checked against the real kubectl flag by flag (names: verb, generator, number)
export SERVER=${SERVER:-http://127.0.0.1:18099}
r create-deployment-v01 create deployment --image=nginx web --dry-run=client -o yaml
r create--n-v02 create -n dev deploy web --image nginx --dry-run=client -o json
r create---dry-run=client-v03 create --dry-run=client deployment web --image=nginx
r create-deployment-v04 create deployment web --image=nginx,redis --dry-run=client -o yaml
r create-deployment-v05 create deployment web --image=nginx --port=0 --replicas=0 --dry-run=client -o json
r create-deployment-v06 create deployment web --image=nginx --image=busybox --port=80 --dry-run=client -o yaml
r create-deployment-v07 create deployment web --image=nginx --dry-run=client -o jsonpath={.metadata.labels}
r create-deployment-v08 create deployment web --image=nginx --dry-run=client -o jsonpath-as-json={.metadata.name}
r create-deployment-v09 create deployment web --image=nginx --dry-run=client -o jsonpath
r create-deployment-v11 create deployment web --image=nginx --dry-run=client -o template
r create-configmap-v12 create configmap c --from-file=create/conf --from-file=create/greeting.txt --dry-run=client -o yaml
r create-configmap-v13 create configmap c --from-file=create/conf/ --dry-run=client -o yaml
r create-configmap-v14 create configmap c --from-file=create/greeting.txt --from-file=create/greeting.txt --dry-run=client
r create-configmap-v15 create configmap c --from-literal=a=1 --from-file=a=create/greeting.txt --dry-run=client
r create-configmap-v16 create configmap c --from-env-file=create/nothere.env --dry-run=client
r create-configmap-v17 create configmap c --from-literal=..a=1 --dry-run=client
r create-configmap-v18 create configmap c --from-literal=.=1 --dry-run=client
r create-configmap-v19 create configmap c --from-literal==1 --dry-run=client
r create-configmap-v20 create configmap c --from-literal=a=1 --from-literal=b --dry-run=client
r create-configmap-v21 create configmap --dry-run=client
r create-configmap-v22 create configmap a b --dry-run=client
r create-secret-generic-v23 create secret generic s --from-file=create/conf --dry-run=client -o yaml
r create-secret-generic-v24 create secret generic s --from-file=k=create/conf --dry-run=client
r create-secret-generic-v25 create secret generic s --from-file=create/blob.bin --type=Opaque --dry-run=client -o json
r create-secret-generic-v26 create secret generic s --dry-run=client -o yaml
r create-secret-docker-registry-v27 create secret docker-registry r --docker-username=u --docker-password='p<&>' --docker-server=reg --dry-run=client -o yaml
r create-secret-docker-registry-v28 create secret docker-registry r --docker-username=u --docker-password=p --docker-email=a@b --dry-run=client -o jsonpath={.data.\.dockerconfigjson}
r create-secret-tls-v29 create secret tls t --cert=create/tls.crt --key=create/tls.crt --dry-run=client
r create-secret-tls-v30 create secret tls t --cert=create/tls.key --key=create/tls.key --dry-run=client
r create-secret-tls-v31 create secret tls t --cert=create/conf --key=create/tls.key --dry-run=client
r create-secret-tls-v32 create secret tls t --key=create/tls.key --cert=create/tls.crt --append-hash --dry-run=client -o name
r create-secret-generic-v33 create secret generic s --from-literal=a=1 --from-literal=b=2 --append-hash --dry-run=client -o name
r create-configmap-v34 create configmap c --from-literal=a=1 --from-file=create/blob.bin --append-hash --dry-run=client -o name
r create-configmap-v35 create configmap c --append-hash --dry-run=client -o name
r create-service-clusterip-v36 create service clusterip web --tcp=80,443:8443 --dry-run=client -o yaml
r create-service-clusterip-v37 create service clusterip web --tcp=80 --clusterip=None --dry-run=client -o yaml
r create-service-nodeport-v38 create service nodeport web --tcp=80 --tcp=81 --node-port=30000 --dry-run=client -o yaml
r create-service-loadbalancer-v39 create service loadbalancer web --dry-run=client
r create-service-externalname-v40 create service externalname ext --external-name=a.b --dry-run=client -o json
r create-service-clusterip-v41 create service clusterip web --tcp=70000 --dry-run=client
r create-service-clusterip-v42 create service clusterip web --tcp=-1 --dry-run=client
r create-service-clusterip-v43 create service clusterip web --tcp=80:70000 --dry-run=client
r create-service-clusterip-v44 create service clusterip web --tcp=80:abcdefghijklmnopq --dry-run=client
r create-service-clusterip-v45 create service clusterip web --tcp=80:8080:9090 --dry-run=client -o yaml
r create-service-clusterip-v46 create service clusterip web --tcp=:80 --dry-run=client
r create-svc-foo-v47 create svc foo --dry-run=client
r create-job-v48 create job j --image=busybox --dry-run=client -o yaml
r create-job-v49 create job j --image=busybox -n x --dry-run=client -o json -- sh -c 'echo hi'
r create-job-v50 create job --from=cronjob/x --dry-run=client
r create-cronjob-v51 create cronjob c --image=busybox --schedule='0 0 * * *' -n dev --dry-run=client -o json
r create-cronjob-v52 create cronjob c --image=busybox --schedule=x --restart=OnFailure --dry-run=client -o yaml -- a b
r create-rolebinding-v53 create rolebinding rb --role=r --group=a --group=b --dry-run=client -o yaml
r create-rolebinding-v54 create rolebinding rb --clusterrole=c --serviceaccount=a:b:c --dry-run=client
r create-rolebinding-v55 create rolebinding rb --clusterrole=c --serviceaccount=:b --dry-run=client
r create-clusterrolebinding-v56 create clusterrolebinding crb --clusterrole=c --dry-run=client -o yaml
r create-clusterrolebinding-v57 create clusterrolebinding crb --clusterrole=c -n dev --dry-run=client -o json
r create-quota-v58 create quota q --hard=cpu=1,cpu=2 --dry-run=client -o yaml
r create-quota-v59 create quota q --hard=memory=1.5Gi,cpu=100m,storage=1e3,x=1k,y=0.1,z=1024,w=2048Ki,v=1.5 --dry-run=client -o yaml
r create-quota-v60 create quota q --hard=a=1,,b=2 --dry-run=client
r create-quota-v61 create quota q --scopes=A,,B --dry-run=client
r create-quota-v62 create quota q --hard=cpu=-1,mem=+5 --dry-run=client -o yaml
r create-priorityclass-v63 create priorityclass p --value=-5 --description='a b' --global-default=false --dry-run=client -o json
r create-priorityclass-v64 create priorityclass p --dry-run=client -n dev -o json
r create-pdb-v65 create pdb p --selector='' --min-available=1 --dry-run=client
r create-pdb-v66 create pdb p --selector='app!=x' --max-unavailable=0 --dry-run=client -o json
r create-pdb-v67 create pdb p --selector='a notin (x,y),b' --min-available=50% --dry-run=client -o yaml
r create-ingress-v69 create ingress i --rule='/path=svc:80' --dry-run=client -o yaml
r create-ingress-v70 create ingress i --rule='a.com/p=svc:80,tls' --rule='b.com/q=svc:80,tls' --dry-run=client -o yaml
r create-ingress-v71 create ingress i --rule='a.com/p=svc:80,tls=s1' --rule='b.com/q=svc:80,tls=s1' --rule='c.com/=svc:80,tls=s2' --dry-run=client -o yaml
r create-ingress-v72 create ingress i --rule='*.a.com/p*=svc:80' --class=x --annotation=a=b=c --dry-run=client -o json
r create-ingress-v73 create ingress i --default-backend=svc:http --dry-run=client -o yaml
r create-ingress-v74 create ingress i --rule='a.com/p=svc:80,tls=' --dry-run=client -o yaml
r create-namespace-v75 create namespace a b --dry-run=client
r create-namespace-v76 create namespace --dry-run=client -o yaml x
r create-sa-v77 create sa robot --dry-run=client -o json
r create-deployment-v78 create deployment web --image=nginx --dry-run=client -o name --save-config
r create-service-clusterip-v79 create service clusterip web --tcp=80 --save-config --dry-run=client -o json
r create-configmap-v80 create configmap c '--from-literal=a=<b>' --save-config --dry-run=client -o json
r run-v81 run x --image=nginx --port=8080 --dry-run=client -o json
r run-v82 run x --image=nginx --env=A= --env==b --dry-run=client
r run-v83 run x --image=nginx --env=1A=b --dry-run=client
r run-v84 run x --image=nginx --labels=a=b,c --dry-run=client
r run-v85 run x --image=nginx --labels==b --dry-run=client
r run-v86 run x --image=nginx --annotations=novalue --dry-run=client
r run-v87 run x --image=nginx --restart=OnFailure -n dev --dry-run=client -o json
r run-v88 run x --image=nginx --restart= --dry-run=client -o yaml
r run-v89 run x --image=nginx --image-pull-policy=Never --dry-run=client -o json --command
r run-v90 run x --image=nginx:1.27@sha256:0123456789012345678901234567890123456789012345678901234567890123 --dry-run=client -o name
r run-v91 run x --image=localhost:5000/a/b:c --dry-run=client -o name
r run-v92 run x --image=nginx --save-config --dry-run=client -o json
r run-v93 run x --image=nginx --pod-running-timeout=x --dry-run=client
r run-v94 run x --image=nginx --port=80 --expose --labels=app=x,tier=y --dry-run=client -o yaml
r run-v95 run x --image=nginx --port=80 --expose --dry-run=client -o name
r run-v96 run --image=nginx x y z --dry-run=client -o yaml
r run-v97 run x --image=nginx --dry-run=client -- --flag -x
r create-quota-v98 create quota q --hard=a=0.5,b=1.50,c=1000,d=5Mi,e=8Mi,f=1e3,g=2.0k,h=0100,i=1.5Gi,j=10m,k=3000m,l=+5,m=-1,n=0,o=0.0,p=1.5e-3 --dry-run=client -o yaml
# More variations: flag syntax, help of every generator, output formats, run options
r create-deployment-w01 create deployment web --image=nginx -r3 --dry-run=client -o=yaml
r create-deployment-w02 create deployment web --image nginx --replicas 3 --dry-run=client -oyaml
r create-deployment-w03 create deployment web --image=nginx --dry-run client
r create-deployment-w04 create deployment web --image=nginx --port=abc --dry-run=client
r create-deployment-w05 create deployment web --image= --dry-run=client -o yaml
r create-deployment-w06 create deployment web --image=nginx --dry-run=client -- 
r create-deployment-w07 create deployment web --image=nginx --dry-run=client -o json --
r create-deployment-w08 create deployment web --dry-run=client --image=nginx -o name extra
r create-deployment-w09 create deployment web --image=nginx --dry-run=client -o name -n
r create-deployment-w10 create deployment web --image=nginx --dry-run=client --output=name --namespace=x
r create-deploy-w11 create deploy --help
r create-cm-w12 create cm --help
r create-svc-clusterip-w13 create svc clusterip --help
r create-secret-generic-w14 create secret generic --help
r create-secret-tls-w15 create secret tls --help
r create-secret-docker-registry-w16 create secret docker-registry --help
r create-service-nodeport-w17 create service nodeport --help
r create-service-loadbalancer-w18 create service loadbalancer --help
r create-service-externalname-w19 create service externalname --help
r create-ns-w20 create ns --help
r create-sa-w21 create sa --help
r create-job-w22 create job --help
r create-cj-w23 create cj --help
r create-quota-w24 create quota --help
r create-pc-w25 create pc --help
r create-pdb-w26 create pdb --help
r create-ing-w27 create ing --help
r create-role-w28 create role --help
r create-clusterrole-w29 create clusterrole --help
r create-rolebinding-w30 create rolebinding --help
r create-clusterrolebinding-w31 create clusterrolebinding --help
r create-token-w32 create token --help
r create-secret-w33 create secret --help
r create-service-w34 create service --help
r create-verb-w35 create -h
r create-deployment-w36 create deployment web --image=nginx --dry-run=client --save-config=true -o name
r create-deployment-w37 create deployment web --image=nginx --dry-run=client --save-config=maybe
r create-deployment-w38 create deployment web --image=nginx --dry-run=client --validate=ignore -o name
r create-deployment-w39 create deployment web --image=nginx --dry-run=client --field-manager=me -o name
r create-deployment-w40 create deployment web --image=nginx --dry-run=client --show-managed-fields -o name
r create-configmap-w44 create configmap c --from-literal=a=1 --dry-run=client -o jsonpath-as-json={.data}
r create-deployment-w45 create deployment web --image=nginx --dry-run=client -o go-template-file=nothere
r create-deployment-w46 create deployment web --image=nginx --dry-run=client -o jsonpath-file=nothere
r create-deployment-w47 create deployment web --image=nginx --dry-run=server --dry-run=client -o name
r create-deployment-w48 create deployment web --image=nginx --dry-run=client -o yaml -o json
r create-deployment-w49 create deployment web --image=nginx --bogus --dry-run=client
r create-bogus-w50 create bogus web
r create-deployment-w51 create deployment -x
r run-w52 run -h
r run-w53 run x --image=nginx -l a=b,c=d --dry-run=client -o yaml
r run-w54 run x --image=nginx --env A=1 --env=B=2=3 --dry-run=client -o yaml
r run-w55 run x --image=nginx --port 80 --dry-run=client -o yaml
r run-w56 run x --image=nginx --port=0 --dry-run=client -o yaml
r run-w57 run x --image=nginx --port=-1 --dry-run=client -o yaml
r run-w58 run x --image=nginx --privileged=false --dry-run=client -o yaml
r run-w59 run x --image=nginx --attach=false -i --dry-run=client -o yaml
r run-w60 run x --image=nginx --attach --dry-run=client
r run-w61 run x --image=nginx --restart=Never --command --dry-run=client -o yaml
r run-w62 run x --image=nginx --command --dry-run=client -o yaml -- a b
r run-w63 run x y --image=nginx --dry-run=client -o yaml
r run-w64 run x --image=nginx --timeout=5s --wait --force --grace-period=3 --cascade=foreground --quiet --dry-run=client -o name
r run-w65 run x --image=nginx --cascade=bogus --dry-run=client -o name
r run-w66 run x --image=nginx --filename=a.yaml --dry-run=client -o name
r run-w67 run x --image=UPPER --dry-run=client
r run-w68 run x --image=a//b --dry-run=client
r run-w69 run x --image=nginx:latest:bad --dry-run=client
r run-w70 run x --image=nginx@sha256:abc --dry-run=client
r run-w71 run x --image=nginx --overrides='{"apiVersion":"v1","spec":{"containers":[{"name":"x","image":"busybox","args":["sleep","1"]}]}}' --dry-run=client -o json
r run-w72 run x --image=nginx --overrides='{"spec":{"containers":null}}' --dry-run=client -o yaml
r run-w73 run x --image=nginx --overrides='"str"' --dry-run=client -o yaml
r run-w74 run x --image=nginx --override-type=json --overrides='{}' --dry-run=client -o yaml
r run-w76 run x --image=nginx --cascade=true --dry-run=client -o name
r run-w77 run x --image=nginx --cascade=false --dry-run=client -o name
r run-w78 run x --image=nginx --cascade --dry-run=client -o name
# create -f: files, directories, lists, selectors, errors listed together
r create-f-x01 create -f create/manifests --validate=false --dry-run=client
r create-f-x02 create -f create/manifests -R --validate=false --dry-run=client -o name
r create-f-x03 create -f create/manifests/multi.yaml --validate=false --dry-run=client -o yaml
r create-f-x04 create -f create/manifests/multi.yaml --validate=false --dry-run=client -o json
r create-f-x05 create -f create/manifests/list.yaml -f create/manifests/secret.json --validate=false --dry-run=client -o yaml
r create-f-x06 create -f create/manifests/secret.json -n dev --validate=false --dry-run=client
r create-f-x07 create -f create/manifests/secret.json -n prod --validate=false --dry-run=client -o name
r create-f-x08 create -f create/manifests/no-kind.yaml --validate=false --dry-run=client
r create-f-x09 create -f create/manifests/unknown-kind.yaml --validate=false --dry-run=client
r create-f-x10 create -f create/manifests/empty-docs.yaml --validate=false --dry-run=client
r create-f-x11 create -f create/manifests/nested -l tier=deep --validate=false --dry-run=client -o name
r create-f-x12 create -f create/manifests/nested -l tier=shallow --validate=false --dry-run=client -o name
r create-f-x13 create -f create/manifests/multi.yaml --save-config --validate=false --dry-run=client -o yaml
r create-f-x14 create -f create/manifests/readme.txt --validate=false --dry-run=client
r create-f-x16 create -f create/manifests -k create/manifests --dry-run=client
r create-f-x17 create -f create/pod.yaml --edit --raw /api --dry-run=client
r create-f-x18 create -f create/pod.yaml --dry-run=client -o wide
r create-f-x19 create -f create/pod.yaml --validate=bogus --dry-run=client
r create-f-x20 create -f create/pod.yaml --dry-run=bogus
r create-f-x21 create -f create/pod.yaml -f create/manifests/unknown-kind.yaml -f create/manifests/no-kind.yaml --validate=false --dry-run=client -o name
r create-f-x22 create --filename=create/pod.yaml --validate=false --dry-run=client -o jsonpath={.metadata.namespace}
r create-f-x23 create -f create/pod.yaml,create/manifests/secret.json --validate=false --dry-run=client -o name
r create-f-x24 create -f create/nothere.yaml -f create/pod.yaml --validate=false --dry-run=client
r create-f-x25 create -f create/pod.yaml -f create/nothere.yaml --validate=false --dry-run=client
export SERVER=${SERVER:-http://127.0.0.1:18099}
r create-f-generate-name create -f create/generate-name.yaml --validate=false --dry-run=client
r create-f-generate-name-o-name create -f create/generate-name.yaml --validate=false --dry-run=client -o name
# --save-config and --append-hash on every generator
r create-namespace-s01 create namespace x --save-config --dry-run=client -o json
r create-sa-s02 create sa x --save-config -n dev --dry-run=client -o json
r create-configmap-s03 create configmap c --from-literal=a=1 --from-file=create/blob.bin --save-config --dry-run=client -o json
r create-secret-generic-s04 create secret generic s --from-literal=a=1 --type=t --save-config --dry-run=client -o json
r create-secret-docker-registry-s05 create secret docker-registry s --docker-username=u --docker-password=p --save-config --dry-run=client -o json
r create-secret-tls-s06 create secret tls s --cert=create/tls.crt --key=create/tls.key --save-config --dry-run=client -o jsonpath={.metadata.annotations}
r create-job-s07 create job j --image=busybox --save-config --dry-run=client -o json -- echo
r create-cronjob-s08 create cronjob c --image=busybox --schedule='* * * * *' --save-config --dry-run=client -o json
r create-role-s09 create role r --verb=get --resource=pods --save-config --dry-run=client -o json
r create-clusterrole-s10 create clusterrole r --verb=get --resource=pods --non-resource-url=/x --save-config --dry-run=client -o json
r create-clusterrole-s11 create clusterrole agg --aggregation-rule=a=b --save-config --dry-run=client -o json
r create-rolebinding-s12 create rolebinding rb --role=r --user=u --save-config --dry-run=client -o json
r create-clusterrolebinding-s13 create clusterrolebinding rb --clusterrole=r --group=g --save-config --dry-run=client -o json
r create-quota-s14 create quota q --hard=pods=1 --scopes=BestEffort --save-config --dry-run=client -o json
r create-priorityclass-s15 create priorityclass p --value=1 --description=d --global-default --save-config --dry-run=client -o json
r create-pdb-s16 create pdb p --selector='a=b,c in (d)' --min-available=1 --save-config --dry-run=client -o json
r create-ingress-s17 create ingress i --rule='a.com/b=s:80,tls=t' --class=c --annotation=x=y --default-backend=d:http --save-config --dry-run=client -o json
r create-deployment-s18 create deployment d --image=nginx --image=busybox --port=1 --save-config -n dev --dry-run=client -o json
r create-cm-s19 create cm c --from-literal=a=1 --append-hash -n x --save-config --dry-run=client -o json
r create-secret-generic-s20 create secret generic s --from-file=create/conf --append-hash --dry-run=client -o json
r create-secret-docker-registry-s21 create secret docker-registry s --docker-username=u --docker-password=p --append-hash --dry-run=client -o name
r create-secret-tls-s22 create secret tls s --cert=create/tls.crt --key=create/tls.key --append-hash --dry-run=client -o name
r run-s23 run x --image=nginx --save-config -n dev --dry-run=client -o json
r run-s24 run x --image=nginx --port=80 --expose --save-config --dry-run=client -o json
