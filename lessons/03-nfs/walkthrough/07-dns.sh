#@ needs: nfs
kubectl run dns-check --rm -i --restart=Never --image=busybox:1.36 -- nslookup nfs-server.default.svc.cluster.local
docker exec course-worker getent hosts nfs-server.default.svc.cluster.local || echo "the node cannot resolve it"
