package io.x0tta6bl4.ebpf.internal.validate;

import java.util.BitSet;
import java.util.Set;

/** Where execution goes in eBPF bytecode: the successors of an instruction, the halves of lddw. */
final class ControlFlow {

    private ControlFlow() {
    }

    /** The second halves of 64-bit immediate loads. */
    static BitSet lddwTails(byte[] code, int n) {
        BitSet lddwTail = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if ((code[i * 8] & 0xff) == 0x18) {
                if (i + 1 < n) {
                    lddwTail.set(i + 1);
                }
                i++;
            }
        }
        return lddwTail;
    }

    /** Where execution may go after instruction {@code i}: 0 (exit), 1 or 2 instruction indexes. */
    static int successors(byte[] code, int i, Set<Integer> relocated, int[] next) {
        int o = i * 8;
        int op = code[o] & 0xff;
        int cls = op & 7;
        int off = (short) ((code[o + 2] & 0xff) | (code[o + 3] << 8));
        int imm = (code[o + 4] & 0xff) | (code[o + 5] & 0xff) << 8 | (code[o + 6] & 0xff) << 16 | code[o + 7] << 24;
        int count = 0;
        if (op == 0x18) {
            next[count++] = i + 2;
        } else if (cls == Validator.JMP || cls == Validator.JMP32) {
            int c = op & 0xf0;
            if (c == 0x90) {
                return 0;
            } else if (c == 0x80) {
                int src = (code[o + 1] >> 4) & 0x0f;
                if (src == 1 && !relocated.contains(i)) {
                    next[count++] = i + imm + 1;
                }
                next[count++] = i + 1;
            } else if (c == 0x00) {
                next[count++] = cls == Validator.JMP32 ? i + imm + 1 : i + off + 1;
            } else {
                next[count++] = i + off + 1;
                next[count++] = i + 1;
            }
        } else {
            next[count++] = i + 1;
        }
        return count;
    }
}
