package io.x0tta6bl4.batman.internal.netlink;

import java.io.IOException;
import java.util.List;

/** Resolves generic netlink families through the {@code nlctrl} family. */
public final class GenericNetlink {

    public static final int GENL_ID_CTRL = 0x10;
    public static final int CTRL_CMD_GETFAMILY = 3;
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    private static final int ENOENT = 2;

    private GenericNetlink() {
    }

    public static byte[] getFamilyRequest(String name, int seq) {
        return new MessageWriter(GENL_ID_CTRL, NetlinkMessage.NLM_F_REQUEST, seq)
                .genl(CTRL_CMD_GETFAMILY, 1)
                .string(CTRL_ATTR_FAMILY_NAME, name)
                .toBytes();
    }

    /**
     * The family id, assigned by the kernel when the module registers it.
     *
     * @throws FamilyMissingException when the family is not registered (module not loaded)
     */
    public static int resolve(NetlinkSocket socket, String name) throws IOException {
        List<NetlinkMessage> replies;
        try {
            replies = socket.request(getFamilyRequest(name, socket.nextSeq()));
        } catch (NetlinkErrorException e) {
            if (e.errno() == ENOENT) {
                throw new FamilyMissingException(name);
            }
            throw e;
        }
        for (NetlinkMessage m : replies) {
            Integer id = GenlMessage.parse(m).attrs().u16(CTRL_ATTR_FAMILY_ID);
            if (id != null) {
                return id;
            }
        }
        throw new NetlinkFormatException("nlctrl answered without a family id for " + name);
    }

    /** The generic netlink family is not registered in this kernel (network namespace). */
    public static final class FamilyMissingException extends IOException {
        private static final long serialVersionUID = 1L;

        public FamilyMissingException(String family) {
            super("the generic netlink family '" + family + "' is not registered: is the kernel module loaded?");
        }
    }
}
