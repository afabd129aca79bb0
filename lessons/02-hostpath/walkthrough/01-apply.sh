kubectl apply -f lessons/02-hostpath/manifests/hostpath-demo.yaml
kubectl wait --for=condition=Ready pod/hostpath-demo --timeout=120s
kubectl get pod hostpath-demo -o wide
kubectl exec hostpath-demo -c app -- sh -c 'echo "written at $(date)" > /data/note.txt'
