#@ needs: nfs
kubectl exec deploy/nfs-server -c nfs-server -- ls -l /export/share
kubectl exec deploy/nfs-server -c nfs-server -- grep -E "^ *(Path|Pseudo) " /etc/nfs-server/ganesha.conf
kubectl apply -f lessons/03-nfs/manifests/nfs-wrong-path.yaml
timeout 90 sh -c 'until kubectl get events --field-selector involvedObject.name=nfs-wrong-path,reason=FailedMount -o name | grep -q .; do sleep 1; done'
kubectl get pod nfs-wrong-path
kubectl get events --field-selector involvedObject.name=nfs-wrong-path,reason=FailedMount -o jsonpath='{.items[0].message}{"\n"}'
kubectl delete pod nfs-wrong-path --now
kubectl apply -f lessons/03-nfs/manifests/nfs-fsgroup.yaml
kubectl wait --for=condition=Ready pod/nfs-fsgroup --timeout=120s
kubectl exec nfs-fsgroup -- id
kubectl exec nfs-fsgroup -- ls -ln /shared
kubectl delete pod nfs-fsgroup --now
