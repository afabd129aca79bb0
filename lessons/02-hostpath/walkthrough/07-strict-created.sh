docker exec course-worker mkdir -p /var/local/not-created-yet
kubectl wait --for=condition=Ready pod/hostpath-strict --timeout=180s
kubectl get pod hostpath-strict
