kubectl apply -f lessons/01-emptydir/manifests/memory-cache.yaml
kubectl wait --for=condition=Ready pod/memory-demo --timeout=120s
kubectl exec memory-demo -c app -- df -h /cache
#@ fails
kubectl exec memory-demo -c app -- \
  dd if=/dev/zero of=/cache/big bs=1M count=80
