#@ needs: nfs
kubectl apply -f lessons/03-nfs/manifests/nfs-pods.yaml
kubectl wait --for=condition=Ready pod/nfs-writer pod/nfs-reader --timeout=120s
kubectl get pods -o wide
