kubectl patch pv demo-pv --type json -p '[{"op":"remove","path":"/spec/claimRef"}]'
kubectl wait --for=jsonpath='{.status.phase}'=Available pv/demo-pv --timeout=60s
kubectl apply -f lessons/04-pv-pvc/manifests/demo-pvc-again.yaml
kubectl wait --for=jsonpath='{.status.phase}'=Bound pvc/demo-pvc-again --timeout=60s
kubectl get pvc demo-pvc-again -o jsonpath='{.spec.selector.matchLabels} {.spec.volumeName} {.status.phase}{"\n"}'
kubectl get pv demo-pv -o jsonpath='{.metadata.labels}{"\n"}'
kubectl apply -f lessons/04-pv-pvc/manifests/demo-pod-again.yaml
kubectl wait --for=condition=Ready pod/demo-pod-again --timeout=60s
kubectl exec demo-pod-again -c app -- cat /data/hello.txt
