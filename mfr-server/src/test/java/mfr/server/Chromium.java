package mfr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Headless Chromium driven over the DevTools protocol (a WebSocket, with the JDK's own client): navigate, evaluate,
 * set file inputs, take screenshots. Starts with a fresh profile and no network services of its own.
 */
public final class Chromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public static Path binary() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    public Chromium(Path profile, Path fakeVideo, int width, int height) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--mute-audio", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--window-size=" + width + "," + height, "about:blank"));
        if (fakeVideo != null) {
            cmd.add(cmd.size() - 1, "--use-file-for-fake-video-capture=" + fakeVideo);
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        Path portFile = profile.resolve("DevToolsActivePort");
        waitFor(() -> Files.isRegularFile(portFile) && size(portFile) > 0, 30_000, "Chromium did not start: see "
                + profile.resolve("chromium.log"));
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        String ws = null;
        for (JsonNode t : targets) {
            if (t.get("type").asText().equals("page")) {
                ws = t.get("webSocketDebuggerUrl").asText();
            }
        }
        if (ws == null) {
            throw new IllegalStateException("no page target in " + targets);
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new Listener()).get(10, TimeUnit.SECONDS);
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", false));
        call("Page.enable", Map.of());
        call("Runtime.enable", Map.of());
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    public JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        JsonNode r = f.get(60, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.get("result");
    }

    public void navigate(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
        waitFor(() -> "complete".equals(evalQuietly("document.readyState")), 30_000, "page did not load: " + url);
    }

    /** Evaluates an expression (awaiting a promise) and returns its value as text. */
    public String eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("script error: " + r.get("exceptionDetails"));
        }
        JsonNode v = r.at("/result/value");
        return v.isMissingNode() || v.isNull() ? null : v.isTextual() ? v.asText() : v.toString();
    }

    private String evalQuietly(String expression) {
        try {
            return eval(expression);
        } catch (Exception e) {
            return null;
        }
    }

    public void click(String id) throws Exception {
        eval("document.getElementById('" + id + "').click()");
    }

    public void setFile(String inputId, Path file) throws Exception {
        int root = call("DOM.getDocument", Map.of()).at("/root/nodeId").asInt();
        int node = call("DOM.querySelector", Map.of("nodeId", root, "selector", "#" + inputId)).get("nodeId").asInt();
        call("DOM.setFileInputFiles", Map.of("nodeId", node, "files", List.of(file.toAbsolutePath().toString())));
    }

    /** Waits until the expression is true in the page. */
    public void waitUntil(String expression, long millis) {
        waitFor(() -> "true".equals(evalQuietly("Boolean(" + expression + ")")), millis,
                "timed out waiting for " + expression + "; status: " + evalQuietly("document.getElementById('status').textContent"));
    }

    public void screenshot(Path png) throws Exception {
        String data = call("Page.captureScreenshot", Map.of("format", "png")).get("data").asText();
        Files.write(png, Base64.getDecoder().decode(data));
    }

    private static void waitFor(BooleanSupplier condition, long millis, String message) {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError(message);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                try {
                    JsonNode msg = JSON.readTree(buffer.toString());
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                        if (f != null) {
                            f.complete(msg);
                        }
                    }
                } catch (IOException e) {
                    // not ours to handle: events we do not follow
                }
                buffer.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser goes anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
