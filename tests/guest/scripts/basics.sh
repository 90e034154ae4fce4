# basics.sh - the shell itself: pipes, redirections (> >> < 2>&1), here-documents,
# $?, subshells, loops, functions, test, command substitution, exit statuses.
echo "== redirections"
echo first > out.txt
echo second >> out.txt
cat < out.txt
wc -l < out.txt
( echo to-stderr >&2 ) 2>&1 | tr a-z A-Z
ls -1 no-such-file > err.txt 2>&1; echo "ls status $?"
sed 's/:.*//' err.txt
cat out.txt missing-file 2>/dev/null; echo "cat status $?"
exec 3> fd3.txt
echo via-fd3 >&3
exec 3>&-
cat fd3.txt
echo "== here-documents"
name=world
cat <<END
hello $name
  indented $((6 * 7))
END
cat <<'END'
literal $name $((1+1))
END
tr a-z A-Z <<-END
	tabs stripped
	END
echo "== status"
true; echo "true $?"
false; echo "false $?"
sh -c 'exit 42'; echo "sh -c exit $?"
! false; echo "negated $?"
false || echo "or-list ran"
true && echo "and-list ran"
echo "== subshells"
x=outer
( x=inner; echo "in subshell $x"; exit 3 ); echo "after subshell $? $x"
y=$(echo nested $(echo deeper))
echo "$y"
{ echo group1; echo group2; } | wc -l
cd "$TMPDIR" && ( cd / && pwd ) && echo "still in tmp: $( [ "$(pwd)" = "$TMPDIR" ] && echo yes )"
cd - > /dev/null
echo "== loops"
i=0
while [ $i -lt 5 ]; do i=$((i + 1)); [ $i -eq 3 ] && continue; printf '%d ' $i; done; echo
for f in a b c; do for g in 1 2; do printf '%s%s ' $f $g; done; done; echo
n=0; until [ $n -ge 3 ]; do n=$((n + 1)); done; echo "until $n"
seq 1 5 | while read v; do echo "line $v"; done | tail -2
echo "== tests"
touch exists; mkdir -p adir
for t in "-e exists" "-f exists" "-d adir" "-f adir" "-s exists" "-z ''" "-n x" "3 -lt 10" "abc = abc" "abc != abc"; do
  if eval "test $t"; then echo "test $t: true"; else echo "test $t: false"; fi
done
[ -x "$APPLET_DIR/busybox" ] && echo "busybox executable"
echo "== functions and case"
f() { local a=$1; shift; echo "f got $a and $# more: $*"; return 5; }
f one two three; echo "f returned $?"
for w in apple 42 x.txt; do
  case $w in [0-9]*) echo "$w: number";; *.txt) echo "$w: text";; *) echo "$w: word";; esac
done
set -- p q r; echo "positional $# $2"
echo "== arithmetic and strings"
v=abcdef
echo "${#v} ${v#ab} ${v%ef} ${v:-unset} ${unset_var:-default}"
echo $(( (7 + 3) * 4 / 3 )) $(( 17 % 5 )) $(( 1 << 10 ))
rm -f out.txt err.txt fd3.txt exists; rmdir adir
exit 7
