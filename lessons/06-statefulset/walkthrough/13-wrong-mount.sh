#@ fails
kubectl apply -f lessons/06-statefulset/manifests/kv-wrong-mount.yaml
kubectl get statefulsets
kubectl get pvc
