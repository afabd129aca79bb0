NODE=$(kubectl get pod kv-0 -o jsonpath='{.spec.nodeName}')
docker exec "$NODE" sh -c 'cat /var/local-path-provisioner/*_default_data-kv-0/boot.log'
