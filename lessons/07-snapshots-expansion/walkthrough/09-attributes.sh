#@ needs: csi
kubectl get pvc demo-restored
kubectl patch pvc demo-restored -p '{"spec":{"volumeAttributesClassName":"course-fast"}}'
kubectl wait --for=jsonpath='{.status.currentVolumeAttributesClassName}'=course-fast pvc/demo-restored --timeout=120s
kubectl get pvc demo-restored
kubectl get pv "$PV2" -o jsonpath='{.spec.volumeAttributesClassName}{"\n"}'
