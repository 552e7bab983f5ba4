package io.x0tta6bl4.ebpf.internal.validate;

/**
 * One problem the validator found: where, which rule, and what exactly. A finding about the
 * object as a whole has section {@link #OBJECT} and instruction -1.
 */
public record Finding(String section, int instruction, Rule rule, String message) {

    /** The section name of findings about the whole object. */
    public static final String OBJECT = "(object)";

    static Finding object(Rule rule, String message) {
        return new Finding(OBJECT, -1, rule, message);
    }

    /** Whether it is about the object as a whole rather than one section. */
    public boolean wholeObject() {
        return instruction < 0;
    }

    @Override
    public String toString() {
        return (wholeObject() ? section : section + "[" + instruction + "]") + " " + rule + ": " + message;
    }
}
