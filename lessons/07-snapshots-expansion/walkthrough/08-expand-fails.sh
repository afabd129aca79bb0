#@ needs: csi
kubectl patch pvc demo-restored -p '{"spec":{"resources":{"requests":{"storage":"100Gi"}}}}'
kubectl wait --for=jsonpath='{.status.allocatedResourceStatuses.storage}'=ControllerResizeInfeasible pvc/demo-restored --timeout=60s
kubectl get pvc demo-restored -o jsonpath='{.spec.resources.requests.storage} {.status.capacity.storage} {.status.allocatedResources.storage} {.status.allocatedResourceStatuses}{"\n"}'
kubectl get events --field-selector involvedObject.name=demo-restored,reason=VolumeResizeFailed -o custom-columns=TYPE:.type,REASON:.reason,MESSAGE:.message
kubectl patch pvc demo-restored -p '{"spec":{"resources":{"requests":{"storage":"3Gi"}}}}'
kubectl wait --for=condition=FileSystemResizePending pvc/demo-restored --timeout=60s
kubectl annotate pod demo-reader storage-course/resync=2 --overwrite
kubectl wait --for=jsonpath='{.status.capacity.storage}'=3Gi pvc/demo-restored --timeout=180s
kubectl get pvc demo-restored -o jsonpath='{.spec.resources.requests.storage} {.status.capacity.storage} {.status.allocatedResources.storage}{"\n"}'
kubectl exec demo-reader -- df -h /data
kubectl exec demo-reader -- cat /data/before-snapshot
