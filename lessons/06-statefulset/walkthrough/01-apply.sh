kubectl apply -f lessons/06-statefulset/manifests/kv-statefulset.yaml
kubectl rollout status statefulset kv --timeout=300s
kubectl get pods -l app=kv -o custom-columns=POD:.metadata.name,CREATED:.metadata.creationTimestamp,NODE:.spec.nodeName
