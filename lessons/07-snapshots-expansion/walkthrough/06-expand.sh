#@ needs: csi
kubectl exec demo-reader -- df -h /data
kubectl patch pvc demo-restored -p '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}'
kubectl wait --for=condition=FileSystemResizePending pvc/demo-restored --timeout=60s
kubectl get pvc demo-restored -o jsonpath='{.status.capacity.storage} {.status.allocatedResourceStatuses}{"\n"}'
kubectl annotate pod demo-reader storage-course/resync=1
kubectl wait --for=jsonpath='{.status.capacity.storage}'=2Gi pvc/demo-restored --timeout=180s
kubectl get pvc demo-restored
kubectl get pvc demo-restored -o jsonpath='{.spec.resources.requests.storage} {.status.capacity.storage} {.status.allocatedResources.storage}{"\n"}'
kubectl exec demo-reader -- df -h /data
kubectl exec demo-reader -- cat /data/before-snapshot
kubectl get events --field-selector involvedObject.name=demo-restored
