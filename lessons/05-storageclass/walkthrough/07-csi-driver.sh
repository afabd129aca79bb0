#@ needs: csi
kubectl get csidriver csi.k8s-storage-course.local -o jsonpath='{.spec}{"\n"}'
kubectl get csinode -o 'custom-columns=NODE:.metadata.name,DRIVERS:.spec.drivers[*].name,NODEID:.spec.drivers[*].nodeID'
docker exec course-worker ls /var/lib/kubelet/plugins_registry
kubectl get storageclass course-csi
kubectl get daemonset course-csi-node -n course-csi -o jsonpath='{.spec.template.spec.containers[*].name}{"\n"}'
