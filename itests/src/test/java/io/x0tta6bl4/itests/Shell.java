package io.x0tta6bl4.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

/** Runs commands through a real Karaf shell session as an admin, capturing both streams. */
final class Shell {

    /** What a command printed and returned; {@code error} is what the shell threw, if anything. */
    record Result(String command, String out, String err, Object value, Throwable error) {

        Result assertOk() {
            if (error != null) {
                throw new AssertionError("'" + command + "' failed: " + error + "\nstdout: " + out + "\nstderr: " + err, error);
            }
            return this;
        }

        /**
         * The one line the shell prints for a command that failed the Karaf way: it threw a
         * CommandException (Karaf prints its text, and the SSH exec channel and bin/client exit
         * non-zero) and wrote nothing to stderr, which those paths would lose.
         */
        String failure() {
            if (error == null || !"CommandException".equals(error.getClass().getSimpleName())) {
                // no cause: Pax Exam reports the cause in place of this message
                throw new AssertionError("'" + command + "' did not fail with a CommandException: " + this);
            }
            if (!err.isEmpty()) {
                throw new AssertionError("'" + command + "' printed to stderr, which scripts lose: [" + err + "]");
            }
            return error.getMessage();
        }

        @Override
        public String toString() {
            return "'" + command + "' -> out=[" + out + "] err=[" + err + "] error=" + error;
        }
    }

    private static final long TIMEOUT_S = 60;

    private final SessionFactory sessions;

    Shell(SessionFactory sessions) {
        this.sessions = sessions;
    }

    Result run(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Session session = sessions.create(new ByteArrayInputStream(new byte[0]), outStream, errStream);
        session.put("APPLICATION", "x0tta6bl4");
        session.put("USER", "karaf");
        Subject admin = new Subject();
        admin.getPrincipals().add(new RolePrincipal("admin"));
        admin.getPrincipals().add(new RolePrincipal("manager"));
        admin.getPrincipals().add(new RolePrincipal("viewer"));
        admin.getPrincipals().add(new RolePrincipal("systembundles"));
        FutureTask<Object> task = new FutureTask<>(() ->
                Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> session.execute(command)));
        Thread runner = new Thread(task, "itest-shell");
        runner.start();
        Object value = null;
        Throwable error = null;
        try {
            value = task.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // what the command threw, not the wrapper of Subject.doAs
            error = e.getCause() instanceof java.security.PrivilegedActionException p ? p.getCause() : e.getCause();
        } catch (TimeoutException e) {
            runner.interrupt();
            error = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = e;
        } finally {
            session.close();
        }
        outStream.flush();
        errStream.flush();
        return new Result(command, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                value, error);
    }
}
