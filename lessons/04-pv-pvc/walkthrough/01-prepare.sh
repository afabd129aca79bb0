docker exec course-worker mkdir -p /var/local/demo-pv
kubectl get storageclass
