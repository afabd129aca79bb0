kubectl get csidriver
kubectl get volumeattachment
#@ fails
kubectl patch storageclass demo-local -p '{"reclaimPolicy":"Retain"}'
#@ fails
kubectl patch storageclass demo-local -p '{"volumeBindingMode":"Immediate"}'
#@ fails
kubectl patch pvc demo-dyn-pvc -p '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}'
