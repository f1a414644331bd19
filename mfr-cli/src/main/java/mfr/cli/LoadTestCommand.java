package mfr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mfr.core.dataset.SharedData;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.onnx.model.MfrHome;
import mfr.server.app.App;
import mfr.server.app.ServerConfig;
import mfr.store.sql.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "load-test", mixinStandardHelpOptions = true,
        description = {"Bounded load test on loopback: starts the service on a free port with a fresh SQLite store in a",
            "temporary folder (or targets --url with --admin-key), then N clients send a mix of enrollments and",
            "identifications of LFW photos for a fixed time. Prints throughput, latency p50/p99 per kind and the errors.",
            "Example: mfr load-test --clients 8 --seconds 60 --enroll-share 0.3"})
public final class LoadTestCommand implements Callable<Integer> {
    @Option(names = "--clients", defaultValue = "8", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--seconds", defaultValue = "60", description = "duration, at most 600 (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--enroll-share", defaultValue = "0.3", description = "share of requests that enroll (default: ${DEFAULT-VALUE})")
    double enrollShare;

    @Option(names = "--people", defaultValue = "200", description = "LFW people to draw photos from (default: ${DEFAULT-VALUE})")
    int peopleCount;

    @Option(names = "--url", description = "a running service (loopback only) instead of an in-process one")
    String url;

    @Option(names = "--admin-key", description = "admin key of the --url service")
    String adminKey;

    @Option(names = "--data", paramLabel = "DIR", description = "LFW folder (default: $MFR_DATA/lfw-deepfunneled)")
    Path data;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    private static final ObjectMapper JSON = new ObjectMapper();

    record Sample(String kind, int status, long nanos) {
    }

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || clients > 64 || seconds < 1 || seconds > 600 || enrollShare < 0 || enrollShare > 1) {
            throw new MfrException(ErrorCode.USAGE, "--clients 1..64, --seconds 1..600, --enroll-share 0..1");
        }
        Path root = data != null ? data : SharedData.dataset("lfw-deepfunneled")
                .orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND, SharedData.missingReason("lfw-deepfunneled")));
        List<List<byte[]>> people = loadPeople(root, peopleCount);
        Path tmp = null;
        App app = null;
        String base = url;
        String admin = adminKey;
        if (base == null) {
            tmp = Files.createTempDirectory("mfr-load");
            app = App.start(ServerConfig.defaults(MfrHome.resolve()).withPort(0)
                    .withStore(StoreConfig.sqlite(tmp.resolve("load.db"))));
            base = app.url();
            admin = app.newAdminKey().orElseThrow();
        } else if (!URI.create(base).getHost().matches("127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[?::1]?")) {
            throw new MfrException(ErrorCode.USAGE, "--url must be a loopback address (127.x.x.x, localhost, ::1)");
        }
        base = base.replaceAll("/$", "");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            String collection = "load-" + System.currentTimeMillis();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/collections"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + collection + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new MfrException(ErrorCode.USAGE, "cannot create the load-test collection: " + created.body());
            }
            String key = JSON.readTree(created.body()).at("/key/secret").asText();
            // every person gets one face first, so that identifications have a gallery from the start
            for (int i = 0; i < people.size(); i++) {
                send(http, base, key, collection, "enroll", i, people.get(i).get(0));
            }
            System.err.printf(Locale.ROOT, "load-test: %d people enrolled; %d clients for %d s...%n", people.size(),
                    clients, seconds);
            ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
            Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            String b = base;
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        int p = r.nextInt(people.size());
                        List<byte[]> photos = people.get(p);
                        byte[] img = photos.get(r.nextInt(photos.size()));
                        String kind = r.nextDouble() < enrollShare ? "enroll" : "identify";
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = send(http, b, key, collection, kind, p, img);
                        } catch (Exception e) {
                            status = -1;
                            errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
                        }
                        samples.add(new Sample(kind, status, System.nanoTime() - t0));
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
            report(new ArrayList<>(samples), errors);
        } finally {
            if (app != null) {
                app.close();
            }
            if (tmp != null) {
                try (Stream<Path> s = Files.walk(tmp)) {
                    s.sorted((x, y) -> y.getNameCount() - x.getNameCount()).forEach(f -> f.toFile().delete());
                }
            }
        }
        return 0;
    }

    private int send(HttpClient http, String base, String key, String collection, String kind, int person, byte[] img)
            throws IOException, InterruptedException {
        String path = kind.equals("enroll") ? "/api/v1/collections/" + collection + "/subjects/person-" + person + "/faces"
                : "/api/v1/collections/" + collection + "/identify";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "image/jpeg")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofByteArray(img)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private void report(List<Sample> samples, Map<String, AtomicInteger> errors) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", clients);
        out.put("seconds", seconds);
        out.put("requests", samples.size());
        out.put("throughputPerSecond", Math.round(samples.size() * 10.0 / seconds) / 10.0);
        Map<String, Integer> statuses = new java.util.TreeMap<>();
        samples.forEach(s -> statuses.merge(String.valueOf(s.status()), 1, Integer::sum));
        out.put("statuses", statuses);
        for (String kind : List.of("enroll", "identify", "all")) {
            long[] ns = samples.stream().filter(s -> kind.equals("all") || s.kind().equals(kind))
                    .mapToLong(Sample::nanos).sorted().toArray();
            if (ns.length > 0) {
                out.put(kind, Map.of("count", ns.length, "p50Ms", ms(ns, 0.50), "p99Ms", ms(ns, 0.99)));
            }
        }
        long bad = samples.stream().filter(s -> s.status() < 200 || s.status() >= 300).count();
        out.put("errors", bad);
        out.put("exceptions", errors);
        if (json) {
            System.out.println(Json.write(out));
            return;
        }
        System.out.printf(Locale.ROOT, "%d clients x %d s: %d requests, %.1f req/s, errors %d, statuses %s%n", clients,
                seconds, samples.size(), samples.size() / (double) seconds, bad, statuses);
        for (String kind : List.of("enroll", "identify", "all")) {
            if (out.get(kind) instanceof Map<?, ?> m) {
                System.out.printf(Locale.ROOT, "  %-8s n=%-6s p50 %8.1f ms   p99 %8.1f ms%n", kind, m.get("count"),
                        (Double) m.get("p50Ms"), (Double) m.get("p99Ms"));
            }
        }
    }

    private static double ms(long[] sorted, double q) {
        return Math.round(sorted[(int) Math.ceil(q * (sorted.length - 1))] / 1e5) / 10.0;
    }

    private static List<List<byte[]>> loadPeople(Path root, int count) throws IOException {
        List<List<byte[]>> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> fs = Files.list(d)) {
                    List<Path> photos = fs.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
                    if (photos.size() >= 2) {
                        List<byte[]> bytes = new ArrayList<>();
                        for (Path p : photos.subList(0, Math.min(5, photos.size()))) {
                            bytes.add(Files.readAllBytes(p));
                        }
                        out.add(bytes);
                    }
                }
                if (out.size() == count) {
                    break;
                }
            }
        }
        if (out.isEmpty()) {
            throw new MfrException(ErrorCode.NOT_FOUND, root + ": no LFW person with two photos");
        }
        return out;
    }
}
