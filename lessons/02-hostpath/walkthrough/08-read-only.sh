docker exec course-worker mkdir -p /var/local/rro/logs
docker exec course-worker mount -t tmpfs -o size=1m tmpfs /var/local/rro/logs
kubectl apply -f lessons/02-hostpath/manifests/hostpath-rro.yaml
kubectl wait --for=condition=Ready pod/rro-demo --timeout=120s
#@ fails
kubectl exec rro-demo -c app -- touch /ro/top.txt
kubectl exec rro-demo -c app -- touch /ro/logs/written-through-ro.txt
#@ fails
kubectl exec rro-demo -c app -- touch /rro/logs/written-through-rro.txt
docker exec course-worker ls /var/local/rro/logs
