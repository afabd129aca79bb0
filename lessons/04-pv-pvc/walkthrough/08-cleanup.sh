kubectl delete pod demo-pod-again --now
kubectl delete pvc demo-pvc-again
kubectl delete pv demo-pv
docker exec course-worker rm -rf /var/local/demo-pv
