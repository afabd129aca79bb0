kubectl apply -f lessons/05-storageclass/manifests/demo-pv-first.yaml
kubectl wait --for=condition=Ready pod/demo-pv-first --timeout=120s
PV2=$(kubectl get pvc demo-pv-first -o jsonpath='{.spec.volumeName}')
NODE2=$(kubectl get pod demo-pv-first -o jsonpath='{.spec.nodeName}')
kubectl delete pv "$PV2" --wait=false
kubectl get pv "$PV2"
kubectl get pv "$PV2" -o jsonpath='{.metadata.finalizers}{"\n"}'
kubectl delete pod demo-pv-first --now
kubectl delete pvc demo-pv-first
kubectl wait --for=delete pv/"$PV2" --timeout=60s
docker exec "$NODE2" sh -c 'ls /var/local-path-provisioner; cat /var/local-path-provisioner/*_demo-pv-first/note.txt'
