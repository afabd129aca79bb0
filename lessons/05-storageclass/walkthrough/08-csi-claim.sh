#@ needs: csi
kubectl apply -f lessons/05-storageclass/manifests/demo-csi-pvc.yaml
kubectl apply -f lessons/05-storageclass/manifests/demo-csi-pod.yaml
kubectl wait --for=condition=Ready pod/demo-csi-pod --timeout=180s
kubectl get pvc demo-csi-pvc
kubectl get events --field-selector involvedObject.name=demo-csi-pvc
