#@ needs: nfs
kubectl exec deploy/nfs-server -c nfs-server -- ls -l /exports
