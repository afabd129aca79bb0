NODE=$(kubectl get pod kv-0 -o jsonpath='{.spec.nodeName}')
docker stop "$NODE"
kubectl wait --for=condition=Ready=Unknown node/"$NODE" --timeout=180s
kubectl get nodes
kubectl delete pod kv-0 --wait=false
#@ fails
kubectl wait --for=delete pod/kv-0 --timeout=30s
kubectl get pods -l app=kv -o wide
kubectl taint node "$NODE" node.kubernetes.io/out-of-service=nodeshutdown:NoExecute
kubectl wait --for=delete pod/kv-0 --timeout=180s
kubectl wait --for=create pod/kv-0 --timeout=60s
kubectl wait --for=condition=PodScheduled=False pod/kv-0 --timeout=60s
kubectl get pods -l app=kv -o wide
kubectl get pod kv-0 -o jsonpath='{.status.conditions[?(@.type=="PodScheduled")].message}{"\n"}'
