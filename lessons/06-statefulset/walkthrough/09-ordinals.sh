kubectl apply -f lessons/06-statefulset/manifests/shard-statefulset.yaml
kubectl rollout status statefulset shard --timeout=300s
kubectl get pods,pvc -l app=shard -L apps.kubernetes.io/pod-index
kubectl delete -f lessons/06-statefulset/manifests/shard-statefulset.yaml
kubectl delete pvc data-shard-5 data-shard-6
