docker start "$NODE"
kubectl wait --for=condition=Ready node/"$NODE" --timeout=180s
kubectl taint node "$NODE" node.kubernetes.io/out-of-service-
kubectl rollout status statefulset kv --timeout=300s
kubectl get pods -l app=kv -o wide
kubectl exec kv-0 -c app -- cat /data/boot.log
