#@ needs: nfs
kubectl delete pod nfs-writer nfs-reader --grace-period=1
kubectl apply -f lessons/03-nfs/manifests/nfs-pods.yaml
kubectl wait --for=condition=Ready pod/nfs-writer pod/nfs-reader --timeout=120s
kubectl exec nfs-reader -c app -- cat /shared/hello.txt
