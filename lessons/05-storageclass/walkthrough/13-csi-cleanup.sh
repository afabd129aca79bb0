#@ needs: csi
kubectl delete pod demo-csi-pod --now
kubectl delete pvc demo-csi-pvc
kubectl wait --for=delete pv/"$CSIPV" --timeout=120s
kubectl wait --for=delete volumeattachment/"$VA" --timeout=60s
docker exec "$CSINODE" ls /var/lib/course-csi/volumes
kubectl get pvc,pv,volumeattachment
