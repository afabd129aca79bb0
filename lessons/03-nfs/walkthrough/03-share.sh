#@ needs: nfs
kubectl exec nfs-writer -c app -- sh -c 'echo "hello from $(hostname)" > /shared/hello.txt'
kubectl exec nfs-reader -c app -- ls -l /shared
kubectl exec nfs-reader -c app -- cat /shared/hello.txt
