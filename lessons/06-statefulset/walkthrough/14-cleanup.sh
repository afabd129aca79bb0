kubectl delete -f lessons/06-statefulset/manifests/kv-statefulset.yaml
kubectl get pvc
kubectl delete pvc data-kv-0 data-kv-1 data-kv-2
kubectl delete pvc csi-neighbour
kubectl wait --for=delete pv/"$CSIPV" --timeout=120s
