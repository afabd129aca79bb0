#@ needs: nfs
kubectl exec nfs-reader -c app -- nslookup nfs-server.default.svc.cluster.local
docker exec course-worker getent hosts nfs-server.default.svc.cluster.local || echo "the node cannot resolve it"
