kubectl delete pod hostpath-demo hostpath-probe hostpath-strict rro-demo --grace-period=1
docker exec course-worker umount /var/local/rro/logs
docker exec course-worker rm -rf /var/local/demo /var/local/not-created-yet /var/local/rro
docker exec course-worker2 rm -rf /var/local/demo
