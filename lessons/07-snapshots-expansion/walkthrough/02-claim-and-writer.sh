#@ needs: csi
kubectl apply -f lessons/07-snapshots-expansion/manifests/demo-data.yaml
kubectl apply -f lessons/07-snapshots-expansion/manifests/demo-writer.yaml
kubectl wait --for=condition=Ready pod/demo-writer --timeout=180s
kubectl get pvc demo-data
PV=$(kubectl get pvc demo-data -o jsonpath='{.spec.volumeName}')
kubectl get pv "$PV" -o jsonpath='{.spec.csi.driver} {.spec.csi.volumeHandle} {.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}{"\n"}'
kubectl get volumeattachment
NODE=$(kubectl get pod demo-writer -o jsonpath='{.spec.nodeName}')
docker exec "$NODE" ls -ls /var/lib/course-csi/volumes
docker exec "$NODE" sh -c 'grep ^/dev/loop /proc/mounts'
kubectl exec demo-writer -- df -h /data
kubectl exec demo-writer -- sh -c 'echo written before the snapshot > /data/before-snapshot'
