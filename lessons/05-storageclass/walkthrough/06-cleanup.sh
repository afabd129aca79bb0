kubectl delete pod demo-dyn-pod --now
kubectl delete pvc demo-dyn-pvc
kubectl wait --for=delete pv/"$PV" --timeout=60s
docker exec "$NODE" ls /var/local-path-provisioner
docker exec "$NODE2" sh -c 'rm -rf /var/local-path-provisioner/*_demo-pv-first'
kubectl delete storageclass demo-local
