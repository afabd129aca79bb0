kubectl get storageclass
kubectl get storageclass standard -o yaml
kubectl apply -f lessons/05-storageclass/manifests/demo-class.yaml
kubectl apply -f lessons/05-storageclass/manifests/demo-dyn-pvc.yaml
kubectl get pvc demo-dyn-pvc
kubectl get events --field-selector involvedObject.name=demo-dyn-pvc
