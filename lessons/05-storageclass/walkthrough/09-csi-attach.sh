#@ needs: csi
CSIPV=$(kubectl get pvc demo-csi-pvc -o jsonpath='{.spec.volumeName}')
kubectl get pv "$CSIPV" -o jsonpath='{.spec.csi}{"\n"}'
kubectl get pv "$CSIPV" -o jsonpath='{.metadata.finalizers}{"\n"}'
kubectl get volumeattachment
VA=$(kubectl get volumeattachment -o jsonpath='{.items[0].metadata.name}')
kubectl get volumeattachment "$VA" -o jsonpath='{.spec.source.persistentVolumeName} {.spec.nodeName} {.status.attached}{"\n"}'
