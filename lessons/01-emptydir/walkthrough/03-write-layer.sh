kubectl exec share-demo -c writer -- sh -c 'echo bye > /tmp/y'
