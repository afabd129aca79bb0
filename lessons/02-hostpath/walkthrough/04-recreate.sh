kubectl delete pod hostpath-demo --grace-period=1
kubectl apply -f lessons/02-hostpath/manifests/hostpath-demo.yaml
kubectl wait --for=condition=Ready pod/hostpath-demo --timeout=120s
kubectl exec hostpath-demo -c app -- cat /data/note.txt
