#!/bin/sh
# init of the multi-node mesh lab inside user-mode-linux (see meshlab/README.md).
# The host root is the read-only root file system; LAB_DIR (a kernel parameter the kernel
# does not know, hence an environment variable here) is mounted writable at /mnt. After
# loading the modules and joining the management bridge to the host's tap device, init
# runs the commands the test drops into /mnt/ctl (NAME.cmd, answered by NAME.out and NAME.rc)
# until /mnt/ctl/stop appears; then it powers the kernel off, whatever happened.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
power_off() {
    sync
    echo o > /proc/sysrq-trigger
    sleep 30 # the power-off is asynchronous: nothing may run meanwhile
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
fail() {
    echo "LAB: $*"
    echo "$*" >/mnt/lab.failed
    power_off
}
modprobe -d /mnt/mods batman-adv || fail "modprobe batman-adv"
modprobe -d /mnt/mods veth || fail "modprobe veth"
modprobe -d /mnt/mods bridge || fail "modprobe bridge"
cat /sys/module/batman_adv/version
ip link set lo up
# The management network: the host's tap device (vec0 here) and every node's management
# veth on one bridge, so the test reaches each node's Karaf over SSH.
ip link add mgmt0 type bridge || fail "bridge"
ip link set vec0 master mgmt0 && ip link set vec0 up && ip link set mgmt0 up || fail "management bridge"
ip addr add "$LAB_MGMT_ADDR" dev mgmt0 || fail "management address"
echo ready >/mnt/ctl/ready
while [ ! -e /mnt/ctl/stop ]; do
    for cmd in /mnt/ctl/*.cmd; do
        [ -e "$cmd" ] || continue
        name=${cmd%.cmd}
        mv "$cmd" "$name.run"
        sh "$name.run" >"$name.out" 2>&1
        echo $? >"$name.rc.tmp" && mv "$name.rc.tmp" "$name.rc"
    done
    sleep 0.1
done
echo "LAB: stop requested"
power_off
