#@ needs: csi
kubectl apply -f lessons/07-snapshots-expansion/manifests/demo-vac-bad.yaml
kubectl patch pvc demo-restored -p '{"spec":{"volumeAttributesClassName":"demo-vac-bad"}}'
kubectl wait --for=jsonpath='{.status.modifyVolumeStatus.status}'=Infeasible pvc/demo-restored --timeout=120s
kubectl get pvc demo-restored -o jsonpath='{.spec.volumeAttributesClassName} {.status.currentVolumeAttributesClassName} {.status.modifyVolumeStatus}{"\n"}'
kubectl get events --field-selector involvedObject.name=demo-restored,type=Warning
kubectl exec demo-reader -- cat /data/before-snapshot
