NODE=$(kubectl get pod share-demo -o jsonpath='{.spec.nodeName}')
ID=$(kubectl get pod share-demo -o \
  jsonpath='{.status.containerStatuses[?(@.name=="writer")].containerID}')
ID=${ID#*://}
docker exec "$NODE" crictl stop --timeout 0 "$ID"
sleep 5
kubectl get pod share-demo
