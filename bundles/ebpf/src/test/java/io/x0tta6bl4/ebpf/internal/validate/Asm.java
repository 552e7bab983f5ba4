package io.x0tta6bl4.ebpf.internal.validate;

import java.io.ByteArrayOutputStream;

/** A tiny eBPF assembler for hand-written test programs. */
final class Asm {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Asm program() {
        return new Asm();
    }

    Asm insn(int op, int dst, int src, int off, int imm) {
        out.write(op);
        out.write((src << 4) | (dst & 0xf));
        out.write(off & 0xff);
        out.write((off >> 8) & 0xff);
        out.write(imm & 0xff);
        out.write((imm >> 8) & 0xff);
        out.write((imm >> 16) & 0xff);
        out.write((imm >> 24) & 0xff);
        return this;
    }

    /** r = imm (64-bit mov) */
    Asm movImm(int dst, int imm) {
        return insn(0xb7, dst, 0, 0, imm);
    }

    Asm movReg(int dst, int src) {
        return insn(0xbf, dst, src, 0, 0);
    }

    Asm exit() {
        return insn(0x95, 0, 0, 0, 0);
    }

    Asm ja(int off) {
        return insn(0x05, 0, 0, off, 0);
    }

    /** if dst == imm goto +off */
    Asm jeq(int dst, int imm, int off) {
        return insn(0x15, dst, 0, off, imm);
    }

    Asm call(int helper) {
        return insn(0x85, 0, 0, 0, helper);
    }

    Asm lddw(int dst, long imm) {
        insn(0x18, dst, 0, 0, (int) imm);
        return insn(0, 0, 0, 0, (int) (imm >>> 32));
    }

    /** *(u64 *)(dst + off) = src */
    Asm stxdw(int dst, int off, int src) {
        return insn(0x7b, dst, src, off, 0);
    }

    /** dst = *(u64 *)(src + off) */
    Asm ldxdw(int dst, int src, int off) {
        return insn(0x79, dst, src, off, 0);
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
