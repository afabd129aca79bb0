#@ needs: csi
#@ fails
kubectl patch pvc demo-restored -p '{"spec":{"resources":{"requests":{"storage":"1Gi"}}}}'
kubectl get pvc demo-restored
