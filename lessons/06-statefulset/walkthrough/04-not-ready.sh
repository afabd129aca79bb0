kubectl apply -f lessons/06-statefulset/manifests/not-ready.yaml
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/quiet-0 --timeout=120s
kubectl get pod quiet-0 -o wide
kubectl wait --for=jsonpath='{.endpoints[0].hostname}'=quiet-0 endpointslice -l kubernetes.io/service-name=quiet --timeout=60s
kubectl wait --for=jsonpath='{.endpoints[0].conditions.ready}'=true endpointslice -l kubernetes.io/service-name=quiet-all --timeout=60s
kubectl get endpointslices -l 'kubernetes.io/service-name in (quiet,quiet-all)' -o custom-columns='SERVICE:.metadata.labels.kubernetes\.io/service-name,ADDRESS:.endpoints[0].addresses[0],HOSTNAME:.endpoints[0].hostname,READY:.endpoints[0].conditions.ready'
#@ fails
kubectl exec dns-client -- nslookup quiet-0.quiet.default.svc.cluster.local
kubectl exec dns-client -- sh -c 'for i in $(seq 30); do nslookup quiet-all.default.svc.cluster.local >/dev/null 2>&1 && break; sleep 2; done; nslookup quiet-all.default.svc.cluster.local'
kubectl exec quiet-0 -- touch /tmp/ready
kubectl wait --for=condition=Ready pod/quiet-0 --timeout=60s
kubectl exec dns-client -- sh -c 'for i in $(seq 30); do nslookup quiet-0.quiet.default.svc.cluster.local >/dev/null 2>&1 && break; sleep 2; done; nslookup quiet-0.quiet.default.svc.cluster.local'
kubectl delete -f lessons/06-statefulset/manifests/not-ready.yaml -f lessons/06-statefulset/manifests/dns-client.yaml --now
