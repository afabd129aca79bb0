kubectl exec share-demo -c writer -- cat /cache/x
#@ fails
kubectl exec share-demo -c writer -- cat /tmp/y
