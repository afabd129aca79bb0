kubectl wait --for=condition=Ready pod/demo-dyn-pod --timeout=120s
kubectl exec demo-dyn-pod -c app -- sh -c 'echo hello-sc > /data/hello.txt'
NODE=$(kubectl get pod demo-dyn-pod -o jsonpath='{.spec.nodeName}')
docker exec "$NODE" ls /var/local-path-provisioner
docker exec "$NODE" sh -c 'cat /var/local-path-provisioner/*_demo-dyn-pvc/hello.txt'
