kubectl delete pod share-demo --now
kubectl apply -f lessons/01-emptydir/manifests/two-containers.yaml
kubectl wait --for=condition=Ready pod/share-demo --timeout=120s
kubectl get pod share-demo -o jsonpath='{.metadata.uid}{"\n"}'
kubectl exec share-demo -c reader -- ls -la /cache
#@ fails
docker exec "$NODE" ls "$DIR"
