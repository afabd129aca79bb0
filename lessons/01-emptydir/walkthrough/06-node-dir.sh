POD_UID=$(kubectl get pod share-demo -o jsonpath='{.metadata.uid}')
DIR=/var/lib/kubelet/pods/$POD_UID/volumes
docker exec "$NODE" ls "$DIR"
docker exec "$NODE" ls -l "$DIR/kubernetes.io~empty-dir/cache"
