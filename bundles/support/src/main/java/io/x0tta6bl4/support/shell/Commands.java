package io.x0tta6bl4.support.shell;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Map;

import org.apache.karaf.shell.support.CommandException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What every x0tta6bl4 command needs: failing the Karaf way, and JSON output.
 *
 * <p>A command that cannot do what it was asked throws what {@link #fail} returns. Karaf prints a
 * {@link CommandException}'s message as the one line the caller sees, with no stack trace and no
 * error in the log (it is the caller's mistake, not the node's), and the SSH exec channel and
 * {@code bin/client} exit with status 1. A line printed to stderr instead is lost on those paths.
 */
public final class Commands {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Commands() {
    }

    /** The failure to throw: {@code Error: <message>}. */
    public static CommandException fail(String message) {
        return line("Error: " + message);
    }

    /**
     * The failure to throw for an exception whose message is the reason; a failure already made
     * here passes through unchanged, so a command may catch broadly around code that fails.
     */
    public static CommandException fail(Exception e) {
        return e instanceof CommandException c ? c : fail(reason(e));
    }

    /**
     * The failure of a command that was asked for JSON: {@code {"error": "<message>"}}, so a
     * script that parses the output parses the failure too; otherwise as {@link #fail(String)}.
     */
    public static CommandException fail(boolean json, String message) {
        return json ? line(toJson(Map.of("error", message))) : fail(message);
    }

    /** As {@link #fail(boolean, String)} for an exception whose message is the reason. */
    public static CommandException fail(boolean json, Exception e) {
        return e instanceof CommandException c ? c : fail(json, reason(e));
    }

    /**
     * Karaf prints a CommandException's "nice help" as it is; the one-argument constructor would
     * make that "Error executing command: " in ANSI red, which breaks JSON and greps.
     */
    private static CommandException line(String text) {
        return new CommandException(text, text);
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /**
     * Why a file could not be read, in words: {@code no such file}, {@code permission denied},
     * {@code is a folder}, else the exception's message (never its class name and the path again).
     */
    public static String why(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Prints the object as indented JSON. */
    public static void json(Object dto) {
        System.out.println(toJson(dto));
    }

    /** The object as indented JSON. */
    public static String toJson(Object dto) {
        try {
            return MAPPER.writeValueAsString(dto);
        } catch (JsonProcessingException e) {
            // only a DTO without accessors gets here: a programming error, not bad input
            throw new IllegalStateException("cannot write " + dto.getClass().getName() + " as JSON", e);
        }
    }
}
