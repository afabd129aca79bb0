#@ needs: csi
kubectl patch pvc demo-csi-pvc -p '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}'
kubectl wait --for=condition=FileSystemResizePending pvc/demo-csi-pvc --timeout=60s
kubectl get pvc demo-csi-pvc -o jsonpath='{.status.capacity.storage} {.status.allocatedResourceStatuses}{"\n"}'
kubectl annotate pod demo-csi-pod storage-course/resync=1
kubectl wait --for=jsonpath='{.status.capacity.storage}'=2Gi pvc/demo-csi-pvc --timeout=180s
kubectl get pvc demo-csi-pvc
kubectl exec demo-csi-pod -- df -h /data
kubectl exec demo-csi-pod -- cat /data/hello.txt
