#@ needs: nfs
kubectl apply -f lessons/03-nfs/manifests/nfs-server.yaml
kubectl rollout status deployment/nfs-server
kubectl get service nfs-server
