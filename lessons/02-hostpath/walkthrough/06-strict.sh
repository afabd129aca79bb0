kubectl apply -f lessons/02-hostpath/manifests/hostpath-strict.yaml
kubectl get pod hostpath-strict
kubectl get events --field-selector involvedObject.name=hostpath-strict
