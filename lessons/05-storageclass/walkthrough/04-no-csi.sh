kubectl get csidriver
kubectl get volumeattachment
#@ fails
kubectl patch storageclass demo-local -p '{"reclaimPolicy":"Retain"}'
#@ fails
kubectl patch storageclass demo-local -p '{"volumeBindingMode":"Immediate"}'
