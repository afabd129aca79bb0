kubectl get nodes
kubectl apply -f lessons/04-pv-pvc/manifests/demo-pv-nowhere.yaml
kubectl apply -f lessons/04-pv-pvc/manifests/demo-pvc-too-big.yaml
timeout 60 sh -c 'until kubectl get events --field-selector involvedObject.name=demo-pvc-too-big,reason=VolumeMismatch -o name | grep -q .; do sleep 1; done'
kubectl get pvc demo-pvc-too-big
kubectl get events --field-selector involvedObject.name=demo-pvc-too-big
kubectl delete pvc demo-pvc-too-big
kubectl apply -f lessons/04-pv-pvc/manifests/demo-pvc-nowhere.yaml
kubectl wait --for=jsonpath='{.status.phase}'=Bound pvc/demo-pvc-nowhere --timeout=60s
kubectl get pv demo-pv-nowhere
kubectl apply -f lessons/04-pv-pvc/manifests/demo-pod-nowhere.yaml
kubectl wait --for=condition=PodScheduled=False pod/demo-pod-nowhere --timeout=60s
kubectl get pod demo-pod-nowhere -o wide
kubectl get pod demo-pod-nowhere -o jsonpath='{.status.conditions[?(@.type=="PodScheduled")].message}{"\n"}'
kubectl delete pod demo-pod-nowhere --now
kubectl delete pvc demo-pvc-nowhere
kubectl delete pv demo-pv-nowhere
