kubectl apply -f lessons/02-hostpath/manifests/hostpath-probe.yaml
kubectl wait --for=condition=Ready pod/hostpath-probe --timeout=120s
kubectl exec hostpath-probe -c app -- ls -la /data
docker exec course-worker2 ls -la /var/local/demo
