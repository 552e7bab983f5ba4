package io.x0tta6bl4.ebpf.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.x0tta6bl4.ebpf.internal.elf.BpfObjectFile;
import io.x0tta6bl4.ebpf.internal.elf.ProgramSection;

import org.junit.jupiter.api.Test;

class ValidatorTest {

    private final Validator validator = new Validator();

    private List<Finding> check(Asm a) {
        return validator.validate("xdp", ProgramType.XDP, a.bytes(), Set.of(), List.of(0));
    }

    /** The program is refused with exactly this rule at this instruction (and maybe others). */
    private void refused(Asm a, Rule rule, int insn) {
        List<Finding> f = check(a);
        assertTrue(f.stream().anyMatch(x -> x.rule() == rule && x.instruction() == insn),
                "expected " + rule + " at " + insn + ", got " + f);
        f.forEach(x -> assertTrue(x.message() != null && !x.message().isBlank()));
    }

    @Test
    void smallValidProgramsPass() {
        assertEquals(List.of(), check(Asm.program().movImm(0, 2).exit()));
        assertEquals(List.of(), check(Asm.program()
                .movImm(1, 7).stxdw(10, -8, 1).ldxdw(0, 10, -8)
                .lddw(2, 0x1_0000_0002L).jeq(0, 7, 1).movImm(0, 1).exit()));
        // helper call allowed for XDP: bpf_xdp_adjust_head (44)
        assertEquals(List.of(), check(Asm.program().call(44).movImm(0, 2).exit()));
    }

    @Test
    void invalidOpcodeIsRefused() {
        refused(Asm.program().movImm(0, 2).insn(0xff, 0, 0, 0, 0).exit(), Rule.OPCODE, 1);
        refused(Asm.program().insn(0x20, 0, 0, 0, 0).exit(), Rule.OPCODE, 0); // legacy ld abs
        refused(Asm.program().insn(0xe7, 0, 0, 0, 0).exit(), Rule.OPCODE, 0); // ALU64 0xe0
        refused(Asm.program().insn(0xb7, 0, 3, 0, 1).exit(), Rule.OPCODE, 0); // mov imm with src reg
        refused(Asm.program().insn(0x67, 0, 0, 0, 64).exit(), Rule.OPCODE, 0); // shift by 64
        // a bpf-to-bpf call with an offset (the verifier: "BPF_CALL uses reserved fields")
        refused(Asm.program().insn(0x85, 0, 1, 2, 1).exit().movImm(0, 2).exit(), Rule.OPCODE, 0);
        // but an exit's offset the verifier never looks at
        assertEquals(List.of(), check(Asm.program().movImm(0, 2).insn(0x95, 0, 0, 7, 0)));
    }

    @Test
    void badRegisterIsRefused() {
        refused(Asm.program().movImm(11, 0).exit(), Rule.REGISTER, 0);
        refused(Asm.program().movImm(0, 0).movReg(0, 12).exit(), Rule.REGISTER, 1);
    }

    @Test
    void writeToFramePointerIsRefused() {
        refused(Asm.program().movImm(0, 0).movImm(10, 0).exit(), Rule.WRITE_R10, 1);
        refused(Asm.program().movImm(0, 0).ldxdw(10, 1, 0).exit(), Rule.WRITE_R10, 1);
        refused(Asm.program().movImm(0, 0).lddw(10, 5).exit(), Rule.WRITE_R10, 1);
    }

    @Test
    void jumpOutOfBoundsIsRefused() {
        refused(Asm.program().movImm(0, 0).ja(5).exit(), Rule.JUMP_TARGET, 1);
        refused(Asm.program().movImm(0, 0).jeq(0, 1, -3).exit(), Rule.JUMP_TARGET, 1);
        refused(Asm.program().movImm(0, 0).insn(0x85, 0, 1, 0, 40).exit(), Rule.JUMP_TARGET, 1); // bpf2bpf call
    }

    @Test
    void jumpIntoTheMiddleOfLddwIsRefused() {
        refused(Asm.program().movImm(0, 0).jeq(0, 0, 1).lddw(1, 42).exit(), Rule.JUMP_INTO_LDDW, 1);
    }

    @Test
    void malformedLddwIsRefused() {
        refused(Asm.program().movImm(0, 0).exit().insn(0x18, 1, 0, 0, 1), Rule.LDDW, 2); // truncated
        refused(Asm.program().insn(0x18, 1, 0, 0, 1).insn(0xb7, 0, 0, 0, 0).exit(), Rule.LDDW, 0); // bad 2nd half
        refused(Asm.program().insn(0x18, 1, 9, 0, 1).insn(0, 0, 0, 0, 0).movImm(0, 0).exit(), Rule.LDDW, 0);
    }

    @Test
    void programWithoutReachableExitIsRefused() {
        refused(Asm.program().movImm(0, 0).ja(-2), Rule.NO_EXIT, 1);
        refused(Asm.program(), Rule.NO_EXIT, 0);
    }

    @Test
    void fallingOffTheEndIsRefused() {
        refused(Asm.program().movImm(0, 0).jeq(0, 0, 1).exit().movImm(0, 1), Rule.FALL_THROUGH, 3);
    }

    @Test
    void unreachableCodeIsRefused() {
        refused(Asm.program().movImm(0, 0).exit().movImm(0, 1).exit(), Rule.UNREACHABLE, 2);
    }

    @Test
    void divisionByZeroImmediateIsRefused() {
        refused(Asm.program().movImm(0, 8).insn(0x37, 0, 0, 0, 0).exit(), Rule.DIV_BY_ZERO, 1); // div64 imm 0
        refused(Asm.program().movImm(0, 8).insn(0x94, 0, 0, 0, 0).exit(), Rule.DIV_BY_ZERO, 1); // mod32 imm 0
        assertEquals(List.of(), check(Asm.program().movImm(0, 8).insn(0x37, 0, 0, 0, 2).exit()));
    }

    @Test
    void stackOutsideTheFrameIsRefused() {
        refused(Asm.program().movImm(1, 0).stxdw(10, -520, 1).movImm(0, 0).exit(), Rule.STACK, 1);
        refused(Asm.program().movImm(1, 0).stxdw(10, -4, 1).movImm(0, 0).exit(), Rule.STACK, 1); // crosses r10
        refused(Asm.program().ldxdw(0, 10, 0).exit(), Rule.STACK, 0);
        assertEquals(List.of(), check(Asm.program().movImm(1, 0).stxdw(10, -512, 1).movImm(0, 0).exit()));
    }

    @Test
    void misalignedStackAccessIsRefused() {
        refused(Asm.program().movImm(1, 0).stxdw(10, -12, 1).movImm(0, 0).exit(), Rule.STACK_ALIGNMENT, 1);
        refused(Asm.program().movImm(1, 0).insn(0x63, 10, 1, -6, 0).movImm(0, 0).exit(), Rule.STACK_ALIGNMENT, 1);
        refused(Asm.program().insn(0x69, 0, 10, -3, 0).exit(), Rule.STACK_ALIGNMENT, 0); // ldxh
        // bytes are always aligned, and so is every size on its own boundary
        assertEquals(List.of(), check(Asm.program().movImm(1, 0).insn(0x73, 10, 1, -3, 0).insn(0x6b, 10, 1, -6, 0)
                .insn(0x63, 10, 1, -12, 0).stxdw(10, -24, 1).movImm(0, 0).exit()));
    }

    @Test
    void theSourceKindOfARelocatedLddwIsLibbpfsToSet() {
        byte[] code = Asm.program().insn(0x18, 1, 9, 0, 0).insn(0, 0, 0, 0, 0).movImm(0, 2).exit().bytes();
        assertEquals(List.of(), validator.validate("xdp", ProgramType.XDP, code, Set.of(0), List.of(0)));
        assertEquals(Rule.LDDW, validator.validate("xdp", ProgramType.XDP, code, Set.of(), List.of(0)).get(0).rule());
    }

    @Test
    void helperNotAllowedForXdpIsRefused() {
        refused(Asm.program().call(9).movImm(0, 2).exit(), Rule.HELPER, 0); // skb_store_bytes
        refused(Asm.program().call(99999).movImm(0, 2).exit(), Rule.HELPER, 0);
        refused(Asm.program().call(0).movImm(0, 2).exit(), Rule.HELPER, 0); // BPF_FUNC_unspec
        refused(Asm.program().insn(0x85, 0, 2, 0, 5).movImm(0, 2).exit(), Rule.HELPER, 0); // kfunc
        // a helper XDP may not call is fine for another type (a tc program may store into an skb),
        // but an id the kernel does not have is refused for every type
        byte[] store = Asm.program().call(9).movImm(0, 2).exit().bytes();
        assertEquals(List.of(), validator.validate("tc", ProgramType.OTHER, store, Set.of(), List.of(0)));
        byte[] unknown = Asm.program().call(HelperSet.BUILT_IN_LIMIT).movImm(0, 2).exit().bytes();
        assertEquals(Rule.HELPER, validator.validate("tc", ProgramType.OTHER, unknown, Set.of(), List.of(0))
                .get(0).rule());
    }

    @Test
    void everyXdpHelperOfTheBuiltInKernelIsAllowed() {
        // a few the former hand list lacked: get_current_pid_tgid, get_current_task, probe_read_user,
        // get_current_task_btf, cgrp_storage_get and _delete
        for (int id : new int[] {14, 35, 112, 158, 210, 211}) {
            assertEquals(List.of(), check(Asm.program().call(id).movImm(0, 2).exit()), "helper " + id);
        }
        for (int id : HelperSet.BUILT_IN_XDP) {
            assertEquals(List.of(), check(Asm.program().call(id).movImm(0, 2).exit()), "helper " + id);
        }
        assertEquals(HelperSet.Origin.BUILT_IN, validator.helpers().origin());
        assertTrue(validator.helpers().source().contains(HelperSet.BUILT_IN_KERNEL), validator.helpers().source());
    }

    @Test
    void aProbedHelperSetIsWhatTheValidatorChecksAgainst() {
        java.util.BitSet xdp = new java.util.BitSet();
        xdp.set(9);
        Validator probed = new Validator(HelperSet.probed(xdp, 300, "Linux 9.9"));
        byte[] store = Asm.program().call(9).movImm(0, 2).exit().bytes();
        byte[] redirect = Asm.program().call(23).movImm(0, 2).exit().bytes();
        byte[] high = Asm.program().call(250).movImm(0, 2).exit().bytes();
        assertEquals(List.of(), probed.validate("xdp", ProgramType.XDP, store, Set.of(), List.of(0)));
        assertEquals(Rule.HELPER,
                probed.validate("xdp", ProgramType.XDP, redirect, Set.of(), List.of(0)).get(0).rule());
        assertEquals(List.of(), probed.validate("tc", ProgramType.OTHER, high, Set.of(), List.of(0)));
        assertEquals(HelperSet.Origin.KERNEL, probed.helpers().origin());
        assertEquals("probed from the running kernel Linux 9.9 (1 XDP helpers of ids below 300)",
                probed.helpers().source());
    }

    @Test
    void tooManyInstructionsAreRefused() {
        Asm a = Asm.program();
        for (int i = 0; i < Validator.DEFAULT_INSN_LIMIT; i++) {
            a.movImm(0, 2);
        }
        a.exit();
        refused(a, Rule.INSN_LIMIT, Validator.DEFAULT_INSN_LIMIT);
        // and with a smaller limit
        List<Finding> f = new Validator(4).validate("xdp", ProgramType.XDP,
                Asm.program().movImm(0, 1).movImm(0, 1).movImm(0, 1).movImm(0, 1).exit().bytes(), Set.of(), List.of(0));
        assertEquals(Rule.INSN_LIMIT, f.get(0).rule());
        assertEquals(4, f.get(0).instruction());
    }

    @Test
    void everyRuleHasARejectedProgram() {
        // guard against adding a rule without a test above
        // (RELOCATION, OBJECT_TYPE, NO_PROGRAM: LibbpfAgreementTest, on edited compiled objects)
        Set<Rule> tested = Set.of(Rule.OPCODE, Rule.REGISTER, Rule.WRITE_R10, Rule.JUMP_TARGET, Rule.JUMP_INTO_LDDW,
                Rule.LDDW, Rule.NO_EXIT, Rule.FALL_THROUGH, Rule.UNREACHABLE, Rule.DIV_BY_ZERO, Rule.STACK,
                Rule.STACK_ALIGNMENT, Rule.HELPER, Rule.INSN_LIMIT, Rule.RELOCATION, Rule.OBJECT_TYPE, Rule.NO_PROGRAM);
        assertEquals(Set.of(Rule.values()), tested);
    }

    @Test
    void compiledProgramsPass() throws Exception {
        for (String name : List.of("/bpf/mesh_guard.o", "/bpf/xdp_pass.o")) {
            byte[] elf;
            try (InputStream in = getClass().getResourceAsStream(name)) {
                elf = in.readAllBytes();
            }
            BpfObjectFile o = BpfObjectFile.parse(elf);
            assertEquals(List.of(), validator.validate(o), name);
            assertTrue(o.programs().stream().mapToInt(ProgramSection::instructionCount).sum() > 0);
        }
    }

    @Test
    void findingsNameSectionInstructionAndRule() {
        Finding f = check(Asm.program().movImm(0, 0).movImm(10, 0).exit()).get(0);
        assertEquals("xdp[1] WRITE_R10: ALU operation writes r10, the read-only frame pointer", f.toString());
        assertEquals(Set.of(Rule.WRITE_R10), check(Asm.program().movImm(0, 0).movImm(10, 0).exit()).stream()
                .map(Finding::rule).collect(Collectors.toSet()));
    }
}
