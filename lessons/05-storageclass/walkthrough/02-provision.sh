kubectl apply -f lessons/05-storageclass/manifests/demo-dyn-pod.yaml
kubectl wait --for=jsonpath='{.status.phase}'=Bound pvc/demo-dyn-pvc --timeout=120s
kubectl get pvc demo-dyn-pvc -o jsonpath='{.metadata.annotations.volume\.kubernetes\.io/selected-node}{"\n"}'
kubectl get pv
PV=$(kubectl get pvc demo-dyn-pvc -o jsonpath='{.spec.volumeName}')
kubectl get pv "$PV" -o jsonpath='{.spec.storageClassName} {.spec.persistentVolumeReclaimPolicy} {.spec.hostPath.path}{"\n"}'
kubectl describe pv "$PV"
