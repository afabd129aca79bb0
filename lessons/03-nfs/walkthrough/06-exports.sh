#@ needs: nfs
kubectl exec deploy/nfs-server -c nfs-server -- ls -l /export/share
kubectl exec deploy/nfs-server -c nfs-server -- grep -E "^ *(Path|Pseudo) " /etc/nfs-server/ganesha.conf
