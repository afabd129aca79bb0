kubectl exec share-demo -c writer -- sh -c 'echo hello > /cache/x'
kubectl exec share-demo -c reader -- cat /cache/x
#@ fails
kubectl exec share-demo -c reader -- sh -c 'echo nope > /cache/y'
kubectl describe pod share-demo | grep -A 10 '^Volumes:'
