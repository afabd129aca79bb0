#@ needs: nfs
docker exec course-worker sh -c 'mount | grep kubernetes.io~nfs'
