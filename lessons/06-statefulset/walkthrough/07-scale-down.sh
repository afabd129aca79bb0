kubectl scale statefulset kv --replicas=1
kubectl get pods -l app=kv
kubectl wait --for=delete pod/kv-1 pod/kv-2 --timeout=120s
kubectl get pods -l app=kv
kubectl get pvc
