CID=$(kubectl get pod hostpath-demo -o jsonpath='{.status.containerStatuses[0].containerID}')
docker exec course-worker crictl stop --timeout 0 "${CID#containerd://}"
sleep 5
kubectl get pod hostpath-demo
kubectl exec hostpath-demo -c app -- cat /data/note.txt
