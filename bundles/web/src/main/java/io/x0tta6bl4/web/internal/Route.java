package io.x0tta6bl4.web.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.servlet.http.HttpServletRequest;

/**
 * One REST route: a method, a path template of segments ({@code {}} matches any one segment),
 * who may call it, and what it answers.
 */
record Route(String method, String[] template, Access access, Handler handler) {

    enum Access { PUBLIC, SENSITIVE_READ, WRITE }

    @FunctionalInterface
    interface Handler {
        /** The body of a 200 answer, or a {@link Reply} for another status. */
        Object handle(Call call) throws Exception;
    }

    /** A request with the segments its template's placeholders matched. */
    record Call(HttpServletRequest request, List<String> params, String user) {
        String param(int i) {
            return params.get(i);
        }
    }

    /** An answer with a status other than 200. */
    record Reply(int status, Object body) {
    }

    static Route of(String method, String template, Access access, Handler handler) {
        return new Route(method, split(template), access, handler);
    }

    /** The placeholder values when the path matches the template, else null. */
    List<String> match(String[] path) {
        if (path.length != template.length) {
            return null;
        }
        List<String> params = new ArrayList<>();
        for (int i = 0; i < path.length; i++) {
            if (template[i].equals("{}")) {
                params.add(path[i]);
            } else if (!template[i].equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    static String[] split(String path) {
        if (path == null) {
            return new String[0];
        }
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
