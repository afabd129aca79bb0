#@ needs: csi
kubectl apply -f lessons/07-snapshots-expansion/manifests/demo-restored-standard.yaml
kubectl wait --for=condition=Ready pod/demo-reader-standard --timeout=120s || kubectl describe pvc demo-restored-standard
kubectl get pvc demo-restored-standard
kubectl get pod demo-reader-standard
kubectl get events --field-selector involvedObject.name=demo-restored-standard
#@ fails
kubectl exec demo-reader-standard -- cat /data/before-snapshot
