package io.x0tta6bl4.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** A small HTTP client for the web bundle's endpoints on loopback. */
final class WebHttp {

    /** A status, the headers that matter and the body. */
    record Reply(int status, String contentType, String authenticate, String allowOrigin, String body) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    WebHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    /** Sends as a script or curl would: writes carry the header the API asks of them against CSRF. */
    Reply send(String method, String path, String user, String body) {
        return "GET".equals(method) ? send(method, path, user, body, Map.of())
                : send(method, path, user, body, Map.of("X-Requested-By", "itest"));
    }

    /**
     * Sends {@code GET target} over a plain socket, byte for byte as given (no client normalises
     * or refuses it), as HTTP/1.0 so that the server closes after one answer.
     */
    Reply raw(String target, Map<String, String> headers) throws IOException {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.0\r\nHost: 127.0.0.1\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String head = end < 0 ? answer : answer.substring(0, end);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            String type = "";
            for (String line : lines) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
                    type = line.substring("content-type:".length()).trim();
                }
            }
            return new Reply(status, type, null, null, end < 0 ? "" : answer.substring(end + 4));
        }
    }

    /** Sends with exactly the extra {@code headers} given, e.g. to forge a browser's cross-site request. */
    Reply send(String method, String path, String user, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("WWW-Authenticate").orElse(null),
                    r.headers().firstValue("Access-Control-Allow-Origin").orElse(null), r.body());
        } catch (IOException e) {
            return new Reply(-1, "", null, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
