kubectl delete pod hostpath-demo hostpath-probe hostpath-strict --grace-period=1
docker exec course-worker rm -rf /var/local/demo /var/local/not-created-yet
docker exec course-worker2 rm -rf /var/local/demo
