#@ needs: csi
NODE=$(kubectl get pod kv-0 -o jsonpath='{.spec.nodeName}')
kubectl apply -f lessons/06-statefulset/manifests/csi-neighbour.yaml
kubectl wait --for=condition=Ready pod/csi-neighbour --timeout=180s
CSIPV=$(kubectl get pvc csi-neighbour -o jsonpath='{.spec.volumeName}')
kubectl get pod csi-neighbour -o wide
kubectl get volumeattachment -o custom-columns=PV:.spec.source.persistentVolumeName,NODE:.spec.nodeName,ATTACHED:.status.attached
docker stop "$NODE"
kubectl wait --for=condition=Ready=Unknown node/"$NODE" --timeout=180s
kubectl get nodes
kubectl get volumeattachment -o custom-columns=PV:.spec.source.persistentVolumeName,NODE:.spec.nodeName,ATTACHED:.status.attached
kubectl delete pod kv-0 --wait=false
#@ fails
kubectl wait --for=delete pod/kv-0 --timeout=30s
kubectl get pods -l app=kv -o wide
kubectl taint node "$NODE" node.kubernetes.io/out-of-service=nodeshutdown:NoExecute
kubectl wait --for=delete pod/kv-0 --timeout=180s
kubectl wait --for=delete pod/csi-neighbour --timeout=180s
timeout 180 sh -c "while kubectl get volumeattachment -o jsonpath='{.items[*].spec.source.persistentVolumeName}' | grep -q $CSIPV; do sleep 2; done"
kubectl get volumeattachment -o custom-columns=PV:.spec.source.persistentVolumeName,NODE:.spec.nodeName,ATTACHED:.status.attached
kubectl wait --for=create pod/kv-0 --timeout=60s
kubectl wait --for=condition=PodScheduled=False pod/kv-0 --timeout=60s
kubectl get pods -l app=kv -o wide
kubectl get pod kv-0 -o jsonpath='{.status.conditions[?(@.type=="PodScheduled")].message}{"\n"}'
