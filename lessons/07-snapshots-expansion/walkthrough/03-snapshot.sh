#@ needs: csi
kubectl apply -f lessons/07-snapshots-expansion/manifests/demo-snap.yaml
kubectl wait --for=jsonpath='{.status.readyToUse}'=true volumesnapshot/demo-snap --timeout=120s
kubectl get volumesnapshot demo-snap
CONTENT=$(kubectl get volumesnapshot demo-snap -o jsonpath='{.status.boundVolumeSnapshotContentName}')
kubectl get volumesnapshotcontent "$CONTENT"
kubectl get volumesnapshotcontent "$CONTENT" -o jsonpath='{.spec.deletionPolicy} {.status.snapshotHandle} {.status.restoreSize}{"\n"}'
kubectl describe volumesnapshot demo-snap
docker exec course-control-plane sh -c 'ls -ls /var/lib/course-csi-shared/snapshots/*'
