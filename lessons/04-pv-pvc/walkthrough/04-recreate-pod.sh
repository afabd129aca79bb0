kubectl delete pod demo-pod --now
kubectl apply -f lessons/04-pv-pvc/manifests/demo-pod.yaml
kubectl wait --for=condition=Ready pod/demo-pod --timeout=60s
kubectl exec demo-pod -c app -- cat /data/hello.txt
