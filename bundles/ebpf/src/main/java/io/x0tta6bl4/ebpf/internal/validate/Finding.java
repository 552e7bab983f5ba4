package io.x0tta6bl4.ebpf.internal.validate;

/** One problem the validator found: where, which rule, and what exactly. */
public record Finding(String section, int instruction, Rule rule, String message) {

    @Override
    public String toString() {
        return section + "[" + instruction + "] " + rule + ": " + message;
    }
}
