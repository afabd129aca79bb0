docker exec course-worker ls -ld /var/local/demo
docker exec course-worker cat /var/local/demo/note.txt
