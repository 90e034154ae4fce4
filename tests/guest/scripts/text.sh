# text.sh - text applets on files made in the working directory and $TMPDIR:
# sed awk sort uniq wc grep cut tr head tail seq, pipelines of them.
seq 1 200 | awk '{ printf "%d,item%03d,%s\n", NR, ($1 * 37) % 101, ($1 % 3 ? "odd" : "tri") }' > data.csv
wc -l data.csv
head -3 data.csv
tail -2 data.csv
cut -d, -f2 data.csv | sort | uniq -c | sort -rn -k1,1 -k2 | head -3
grep -c tri data.csv
grep -n 'item00[0-9]' data.csv
grep -v odd data.csv | wc -l
sed -n '10,12p' data.csv
sed -e 's/item/ITEM/' -e '/odd/d' data.csv | head -4
awk -F, '$3 == "tri" { s += $1 } END { print "sum of tri rows", s }' data.csv
sort -t, -k2,2 -k1,1n data.csv | head -3
cut -d, -f3 data.csv | sort -u
tr -d '\n' < data.csv | wc -c
echo "Hello, World" | tr 'a-zA-Z' 'n-za-mN-ZA-M'
seq 5 -1 1 | sort -n | tr '\n' ' '; echo
printf 'b\na\nc\na\nb\n' > "$TMPDIR/letters"
sort "$TMPDIR/letters" | uniq
sort "$TMPDIR/letters" | uniq -d
sort -r "$TMPDIR/letters" | head -1
md5sum data.csv | cut -c1-32
awk 'BEGIN { for (i = 1; i <= 5; i++) printf "%s%d", (i > 1 ? "-" : ""), i * i; print "" }'
seq -s: 1 2 11
od -An -c "$TMPDIR/letters" | head -1
rm "$TMPDIR/letters" data.csv
