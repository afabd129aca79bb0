for i in 0 1 2; do kubectl exec kv-$i -c app -- cat /data/boot.log; done
