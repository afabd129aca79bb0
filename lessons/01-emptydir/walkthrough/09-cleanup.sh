kubectl delete pod share-demo memory-demo --now
