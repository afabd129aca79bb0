kubectl apply -f lessons/01-emptydir/manifests/two-containers.yaml
kubectl wait --for=condition=Ready pod/share-demo --timeout=120s
kubectl get pod share-demo -o wide
