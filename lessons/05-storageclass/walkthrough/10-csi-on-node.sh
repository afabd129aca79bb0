#@ needs: csi
CSINODE=$(kubectl get pod demo-csi-pod -o jsonpath='{.spec.nodeName}')
kubectl get pod demo-csi-pod -o jsonpath='{.spec.nodeName} {.metadata.uid}{"\n"}'
docker exec "$CSINODE" ls -ls /var/lib/course-csi/volumes
docker exec "$CSINODE" sh -c 'grep ^/dev/loop /proc/mounts'
kubectl exec demo-csi-pod -- sh -c 'id; echo hello-csi > /data/hello.txt; ls -ln /data'
kubectl exec demo-csi-pod -- df -h /data
