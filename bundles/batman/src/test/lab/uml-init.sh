#!/bin/sh
# init of the batman-adv kernel lab inside user-mode-linux (see README.md beside it).
# The host root is the read-only root file system; LAB_DIR (a kernel parameter the kernel
# does not know, hence an environment variable here) is mounted writable at /mnt for the
# module tree link, the Java classpath and the results. Whatever happens, the kernel halts.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
# Powers the kernel off through magic SysRq: no init system's halt is needed on the host.
power_off() {
    sync
    echo o > /proc/sysrq-trigger
    sleep 30 # the power-off is asynchronous: nothing after a failed step may run meanwhile
}
mount -t sysfs sys /sys
mount -t tmpfs tmp /tmp
mount -t tmpfs run /run
mkdir -p /run/netns
if ! mount -t hostfs -o "$LAB_DIR" none /mnt; then
    echo "LAB: cannot mount the lab folder $LAB_DIR"
    power_off
fi
exec >/mnt/init.log 2>&1
set -x

step() {
    "$@" || { echo "LAB: step failed: $*"; echo "step failed: $*" >/mnt/lab.failed; power_off; }
}

step modprobe -d /mnt/mods batman-adv
step modprobe -d /mnt/mods veth
cat /sys/module/batman_adv/version
ip link set lo up

# Line mesh A --vAB/vBA-- B --vBC/vCB-- C, MACs as in the fixtures.
for n in A B C; do
    step ip netns add $n
    step ip -n $n link set lo up
    # alfred binds bat0's IPv6 link-local address, which must not wait for DAD.
    step ip netns exec $n sysctl -qw net.ipv6.conf.default.accept_dad=0
done
veth() { # name ns mac peer peer-ns peer-mac
    step ip link add "$1" type veth peer name "$4"
    step ip link set "$1" netns "$2"
    step ip link set "$4" netns "$5"
    step ip -n "$2" link set "$1" address "$3"
    step ip -n "$5" link set "$4" address "$6"
}
veth vAB A 02:00:00:00:01:02 vBA B 02:00:00:00:02:01
veth vBC B 02:00:00:00:02:03 vCB C 02:00:00:00:03:02
# A spare pair in A for the interface-management steps of the Java program.
step ip -n A link add spare0 type veth peer name spare1
for pair in A:vAB B:vBA B:vBC C:vCB; do
    n=${pair%%:*}; dev=${pair#*:}
    ip -n $n link show bat0 >/dev/null 2>&1 || step ip -n $n link add bat0 type batadv
    step ip -n $n link set $dev mtu 1560
    step ip -n $n link set $dev master bat0
    step ip -n $n link set $dev up
done
for n in A B C; do
    step ip -n $n link set bat0 up
done

# alfred (all primaries, syncing every second) and the batadv-vis server in every node.
# alfred gives up when it looks for bat0 too early; start it again until it answers. It opens
# its socket before it looks, so one answer is not enough: it must still run and answer a
# second later.
start_alfred() {
    for try in 1 2 3 4 5 6 7 8 9 10; do
        rm -f /tmp/alfred-$1.sock
        ip netns exec $1 alfred -m -i bat0 -u /tmp/alfred-$1.sock -p 1 >>/tmp/alfred-$1.log 2>&1 &
        pid=$!
        for wait in 1 2 3 4 5 6 7 8 9 10; do
            if ip netns exec $1 alfred -S -u /tmp/alfred-$1.sock >/dev/null 2>&1; then
                sleep 1
                if kill -0 $pid 2>/dev/null \
                        && ip netns exec $1 alfred -S -u /tmp/alfred-$1.sock >/dev/null 2>&1; then
                    return 0
                fi
                break
            fi
            sleep 0.3
        done
        kill $pid 2>/dev/null
        sleep 1
    done
    echo "LAB: alfred does not start in $1"
}
for n in A B C; do
    start_alfred $n
    ip netns exec $n batadv-vis -s -i bat0 -u /tmp/alfred-$n.sock >/tmp/vis-$n.log 2>&1 &
done

# respondd (LabRespond): a responder in A and in C on their bat0; B, between them, asks them
# with a plain socket and its collector, also from a global address of its own that C can route
# to but must not answer (the spoofed source). B's checks run before KernelLab in A, so neither
# JVM takes the single CPU from the other's timings.
step ip -n B addr add 2001:db8:b::1/64 dev bat0 nodad
step ip -n C -6 route add 2001:db8:b::/64 dev bat0
for n in A C; do
    ip netns exec $n "$LAB_JAVA" -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k -Xmx48m \
        -Djna.tmpdir=/tmp -Djava.io.tmpdir=/tmp -cp "$(cat /mnt/classpath)" \
        io.x0tta6bl4.batman.internal.LabRespond respond $n /tmp/respond-$n.ready /mnt/respond-$n.properties \
        >/tmp/respond-$n.log 2>&1 &
done
ip netns exec B "$LAB_JAVA" -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k -Xmx96m \
    -Djna.tmpdir=/tmp -Djava.io.tmpdir=/tmp -cp "$(cat /mnt/classpath)" \
    io.x0tta6bl4.batman.internal.LabRespond check /mnt/respond-check.properties >/tmp/respond-check.log 2>&1

# The bundle's own netlink client and provider, in node A.
ip netns exec A "$LAB_JAVA" -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k -Xmx256m \
    -Djna.tmpdir=/tmp -Djava.io.tmpdir=/tmp -cp "$(cat /mnt/classpath)" \
    io.x0tta6bl4.batman.lab.KernelLab /mnt/result.properties /tmp/alfred-A.sock /tmp/alfred-C.sock \
    "${LAB_QUIET_MS:-30000}"
echo $? >/mnt/java.rc
touch /tmp/respond-stop
for wait in $(seq 1 100); do
    [ -f /mnt/respond-A.properties ] && [ -f /mnt/respond-C.properties ] && break
    sleep 0.2
done
cat /tmp/respond-*.log
cat /tmp/alfred-*.log /tmp/vis-*.log
power_off
