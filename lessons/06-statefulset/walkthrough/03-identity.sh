kubectl exec kv-1 -c app -- hostname
kubectl get pod kv-1 -o jsonpath='{.spec.hostname} {.spec.subdomain}{"\n"}'
kubectl run dns-check --rm -i --restart=Never --image=busybox:1.36 -- nslookup kv-1.kv.default.svc.cluster.local
