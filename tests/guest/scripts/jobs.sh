# jobs.sh - background jobs: &, $!, wait (all, one, its status), jobs in
# pipelines, parallel writers into separate files, find and xargs.
mkdir -p jobs.d
for i in 1 2 3 4; do
  ( for k in $(seq 1 50); do echo "job $i line $k"; done > jobs.d/out$i ) &
done
wait
echo "all jobs done: $(cat jobs.d/out* | wc -l) lines"
sleep 0 &
pid=$!
wait $pid; echo "wait for one: $?"
( exit 9 ) &
wait $!; echo "background status: $?"
sh -c 'kill -TERM $$' &
wait $!; echo "killed job: $?"
(sleep 1; echo never) &
kill $! ; wait $! 2>/dev/null; echo "killed sleeper: $?"
echo "== find and xargs"
mkdir -p tree/a/b tree/c
touch tree/a/one.txt tree/a/b/two.txt tree/c/three.log tree/top.txt
find tree -name '*.txt' | sort
find tree -type d | sort | xargs echo dirs:
find tree -type f | sort | xargs -n 2 echo pair:
find tree -name '*.log' -exec echo found {} \;
echo 1 2 3 4 5 6 | xargs -n 3 echo | awk '{ print $1 + $2 + $3 }'
seq 1 3 | xargs -I X echo "item X"
rm -r tree jobs.d
echo done
