kubectl apply -f lessons/04-pv-pvc/manifests/demo-pv.yaml
kubectl apply -f lessons/04-pv-pvc/manifests/demo-pvc.yaml
kubectl apply -f lessons/04-pv-pvc/manifests/demo-pod.yaml
kubectl get pv,pvc
kubectl wait --for=jsonpath='{.status.phase}'=Bound pvc/demo-pvc --timeout=60s
kubectl get pvc demo-pvc -o jsonpath='{.spec.volumeName} {.status.capacity.storage}{"\n"}'
kubectl describe pvc demo-pvc
