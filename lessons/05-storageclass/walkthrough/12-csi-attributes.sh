#@ needs: csi
kubectl get volumeattributesclass
kubectl patch pvc demo-csi-pvc -p '{"spec":{"volumeAttributesClassName":"course-fast"}}'
kubectl wait --for=jsonpath='{.status.currentVolumeAttributesClassName}'=course-fast pvc/demo-csi-pvc --timeout=120s
kubectl get pvc demo-csi-pvc
kubectl get pv "$CSIPV" -o jsonpath='{.spec.volumeAttributesClassName}{"\n"}'
