kubectl scale statefulset kv --replicas=3
kubectl rollout status statefulset kv
kubectl exec kv-2 -c app -- cat /data/boot.log
