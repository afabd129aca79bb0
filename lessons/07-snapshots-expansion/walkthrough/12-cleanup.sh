#@ needs: csi
kubectl delete -f lessons/07-snapshots-expansion/manifests/demo-restored-standard.yaml --now
kubectl delete pod demo-reader --now
kubectl delete pvc demo-restored
kubectl wait --for=delete pv/"$PV2" --timeout=120s
kubectl delete volumeattributesclass demo-vac-bad
kubectl delete volumesnapshot demo-snap
kubectl wait --for=delete volumesnapshotcontent/"$CONTENT" --timeout=60s
docker exec course-control-plane ls /var/lib/course-csi-shared/snapshots
kubectl get pvc,volumesnapshot,volumesnapshotcontent
