# files.sh - file creation and removal: mkdir -p, cp, mv, ln, rm, rmdir,
# chmod, touch, stat, ls, cmp, tee; in the working directory and $TMPDIR.
# Leaves kept/ behind: the test checks the guest's image with e2fsck and reads
# kept/report.txt back with debugfs.
mkdir -p kept/deep/er/still
seq 1 1000 > kept/numbers.txt
cp kept/numbers.txt kept/copy.txt
cmp kept/numbers.txt kept/copy.txt && echo "copy identical"
mv kept/copy.txt kept/deep/moved.txt
ls -1 kept
ls -1 kept/deep
ln -s ../numbers.txt kept/deep/link
ln kept/numbers.txt kept/hardlink
stat -c '%n %s %h %F' kept/numbers.txt kept/hardlink kept/deep/link kept/deep
head -c 100 kept/deep/link | tail -1
chmod 640 kept/hardlink
stat -c '%a %n' kept/numbers.txt
echo scratch > "$TMPDIR/scratch.txt"
tee kept/tee.txt < "$TMPDIR/scratch.txt" > /dev/null
rm "$TMPDIR/scratch.txt"
[ -e "$TMPDIR/scratch.txt" ] || echo "tmp file gone"
i=0
while [ $i -lt 30 ]; do echo "file $i" > kept/deep/er/f$i; i=$((i + 1)); done
ls -1 kept/deep/er | wc -l
rm kept/deep/er/f1*
ls -1 kept/deep/er | tr '\n' ' '; echo
rmdir kept/deep/er/still
rmdir kept/deep 2>&1 | sed 's/.*: //'
dd_out=$(seq 1 20000 | md5sum | cut -c1-32)
seq 1 20000 > kept/big.txt
echo "big: $(wc -c < kept/big.txt) bytes, md5 $dd_out"
touch kept/empty
stat -c '%s' kept/empty
{ echo "report"; wc -l kept/numbers.txt; md5sum kept/big.txt; ls -1 kept | wc -l; } > kept/report.txt
cat kept/report.txt
