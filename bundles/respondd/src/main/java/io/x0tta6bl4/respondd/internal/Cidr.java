package io.x0tta6bl4.respondd.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An address prefix such as {@code fd00::/64} or {@code 10.0.0.0/8}. */
record Cidr(InetAddress network, int length) {

    static Optional<Cidr> parse(Object value) {
        String text = String.valueOf(value).trim();
        int slash = text.indexOf('/');
        if (slash <= 0 || !text.substring(0, slash).matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty(); // never a host name: no lookup from a config value
        }
        try {
            InetAddress net = InetAddress.getByName(text.substring(0, slash));
            int len = Integer.parseInt(text.substring(slash + 1));
            return len < 0 || len > net.getAddress().length * 8 ? Optional.empty() : Optional.of(new Cidr(net, len));
        } catch (UnknownHostException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean contains(InetAddress address) {
        return contains(network, length, address);
    }

    static boolean contains(InetAddress network, int length, InetAddress address) {
        byte[] a = network.getAddress();
        byte[] b = address.getAddress();
        if (a.length != b.length) {
            return false;
        }
        for (int bit = 0; bit < length; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + length;
    }
}
