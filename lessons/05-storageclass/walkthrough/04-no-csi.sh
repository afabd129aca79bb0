kubectl get csidriver
kubectl get pv -o custom-columns='NAME:.metadata.name,CLASS:.spec.storageClassName,HOSTPATH:.spec.hostPath.path,CSI:.spec.csi.driver'
kubectl get volumeattachment
#@ fails
kubectl patch storageclass demo-local -p '{"reclaimPolicy":"Retain"}'
#@ fails
kubectl patch storageclass demo-local -p '{"volumeBindingMode":"Immediate"}'
#@ fails
kubectl patch pvc demo-dyn-pvc -p '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}'
