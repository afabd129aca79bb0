#@ needs: nfs
kubectl apply -f lessons/03-nfs/manifests/nfs-pods.yaml
kubectl get pods -o wide
