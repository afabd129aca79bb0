#@ needs: csi
kubectl exec demo-writer -- sh -c 'echo written after the snapshot > /data/after-snapshot'
kubectl exec demo-writer -- ls /data
kubectl delete pod demo-writer --now
kubectl delete pvc demo-data
kubectl wait --for=delete pv/"$PV" --timeout=120s
docker exec "$NODE" ls /var/lib/course-csi/volumes
kubectl get volumesnapshot demo-snap
kubectl get volumesnapshotcontent "$CONTENT"
