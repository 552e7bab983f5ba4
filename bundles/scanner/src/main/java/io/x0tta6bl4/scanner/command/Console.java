package io.x0tta6bl4.scanner.command;

import java.io.IOException;

import io.x0tta6bl4.scanner.internal.ReportFiles;

/** What scan: commands need beyond {@link io.x0tta6bl4.support.shell.Commands}: writing reports to files. */
final class Console {

    private Console() {
    }

    /**
     * Prints the text, or writes it to the file and says where. A refused path is the
     * {@link IllegalArgumentException} of {@link ReportFiles#write}, left to the shell: it prints
     * its one line and the command exits non-zero.
     */
    static void emit(String text, String output, ReportFiles files) throws IOException {
        if (output == null) {
            System.out.println(text);
            return;
        }
        System.out.println("written to " + files.write(output, text));
    }

    static String sev(Object s) {
        return String.valueOf(s);
    }
}
