kubectl exec kv-1 -c app -- hostname
kubectl get pod kv-1 -o jsonpath='{.spec.hostname} {.spec.subdomain}{"\n"}'
kubectl apply -f lessons/06-statefulset/manifests/dns-client.yaml
kubectl wait --for=condition=Ready pod/dns-client --timeout=120s
kubectl exec dns-client -- nslookup kv-1.kv.default.svc.cluster.local
