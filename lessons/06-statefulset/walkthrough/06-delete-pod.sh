kubectl get pvc data-kv-1 -o jsonpath='{.metadata.uid}{"\n"}'
kubectl delete pod kv-1
kubectl wait --for=create pod/kv-1 --timeout=60s
kubectl wait --for=condition=Ready pod/kv-1 --timeout=180s
kubectl get pvc data-kv-1 -o jsonpath='{.metadata.uid}{"\n"}'
kubectl exec kv-1 -c app -- cat /data/boot.log
