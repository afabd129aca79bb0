#@ needs: csi
kubectl apply -f lessons/07-snapshots-expansion/manifests/demo-restored.yaml
kubectl apply -f lessons/07-snapshots-expansion/manifests/demo-reader.yaml
kubectl wait --for=condition=Ready pod/demo-reader --timeout=180s
kubectl get pvc demo-restored
kubectl get pvc demo-restored -o jsonpath='{.spec.dataSource}{"\n"}{.spec.dataSourceRef}{"\n"}'
PV2=$(kubectl get pvc demo-restored -o jsonpath='{.spec.volumeName}')
kubectl get pv "$PV2" -o jsonpath='{.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}{"\n"}'
kubectl get pod demo-reader -o wide
kubectl exec demo-reader -- cat /data/before-snapshot
#@ fails
kubectl exec demo-reader -- cat /data/after-snapshot
