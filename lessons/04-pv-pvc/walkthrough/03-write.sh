kubectl wait --for=condition=Ready pod/demo-pod --timeout=60s
kubectl exec demo-pod -c app -- sh -c 'echo hello-pv > /data/hello.txt'
docker exec course-worker cat /var/local/demo-pv/hello.txt
