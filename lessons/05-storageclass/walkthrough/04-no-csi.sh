kubectl get csidriver
kubectl get volumeattachment
#@ fails
kubectl patch storageclass demo-local -p '{"reclaimPolicy":"Retain"}'
