kubectl delete pvc demo-pvc --wait=false
kubectl get pvc demo-pvc -o jsonpath='{.metadata.deletionTimestamp} {.metadata.finalizers}{"\n"}'
kubectl delete pod demo-pod --now
kubectl wait --for=delete pvc/demo-pvc --timeout=60s
kubectl wait --for=jsonpath='{.status.phase}'=Released pv/demo-pv --timeout=60s
docker exec course-worker cat /var/local/demo-pv/hello.txt
