#@ needs: csi
kubectl get csidriver
kubectl get csinode -o 'custom-columns=NODE:.metadata.name,DRIVERS:.spec.drivers[*].name'
kubectl get storageclass
kubectl get volumesnapshotclass
kubectl get volumeattributesclass
kubectl get pods -n course-csi -o wide
kubectl get daemonset course-csi-node -n course-csi -o jsonpath='{.spec.template.spec.containers[*].name}{"\n"}'
