#@ needs: nfs
kubectl delete -f lessons/03-nfs/manifests/nfs-pods.yaml --grace-period=1
kubectl delete -f lessons/03-nfs/manifests/nfs-server.yaml
