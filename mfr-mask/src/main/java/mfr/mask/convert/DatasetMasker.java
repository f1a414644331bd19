package mfr.mask.convert;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.face.Face;
import mfr.core.image.LoadedImage;
import mfr.mask.augment.MaskAugment;
import mfr.mask.dataset.IdentityFolders;
import mfr.onnx.analyzer.FaceAnalyzer;

/**
 * Converts an identity-folder dataset into a copy where a fraction of the images wear synthetic masks, keeping the
 * layout. Each image's decision and mask depend only on the seed and its relative path, so the result does not
 * depend on order or threads. A CSV log ({@code masks.csv} in the output) says what each image got; a line is
 * appended only after its image is written (atomically), so a rerun skips what is logged and finishes the rest.
 */
public final class DatasetMasker {
    public static final String LOG = "masks.csv";
    static final String HEADER = "path,status,type,colour,top,seed";

    /** Counts of one run. */
    public record Summary(int total, int skipped, int masked, int unmasked, int noFace, int failed) {
    }

    private final FaceAnalyzer fa;
    private final MaskAugment augment;
    private final long seed;

    public DatasetMasker(FaceAnalyzer fa, MaskAugment augment, long seed) {
        this.fa = fa;
        this.augment = augment;
        this.seed = seed;
    }

    public Summary run(Path in, Path out, int threads, IntConsumer progress) {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new MfrException(ErrorCode.USAGE, "OUT must differ from IN: the conversion never overwrites its input");
        }
        List<Path> files = IdentityFolders.images(in);
        Path log = out.resolve(LOG);
        Set<String> done = readLog(log);
        AtomicInteger[] counts = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        AtomicInteger step = new AtomicInteger();
        int skipped = 0;
        List<Path> todo = new ArrayList<>();
        for (Path f : files) {
            if (done.contains(rel(in, f))) {
                skipped++;
            } else {
                todo.add(f);
            }
        }
        progress.accept(step.addAndGet(skipped));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try (BufferedWriter w = openLog(log)) {
            List<Future<?>> fs = new ArrayList<>();
            for (Path f : todo) {
                fs.add(pool.submit(() -> {
                    String line = convert(in, out, f, counts);
                    synchronized (w) {
                        w.write(line);
                        w.newLine();
                        w.flush();
                    }
                    progress.accept(step.incrementAndGet());
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, log + ": cannot write the log: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Summary(files.size(), skipped, counts[0].get(), counts[1].get(), counts[2].get(), counts[3].get());
    }

    private String convert(Path in, Path out, Path file, AtomicInteger[] counts) {
        String rel = rel(in, file);
        Path target = out.resolve(rel);
        Random rng = new Random(seed ^ (rel.hashCode() * 0x9E3779B97F4A7C15L));
        var style = augment.draw(rng);
        if (style == null) {
            ImageFiles.copy(file, target);
            counts[1].incrementAndGet();
            return csv(rel, "unmasked", "", "", "", "");
        }
        LoadedImage img;
        try {
            img = fa.load(file);
        } catch (MfrException e) {
            ImageFiles.copy(file, target);
            counts[3].incrementAndGet();
            return csv(rel, "unreadable", "", "", "", "");
        }
        Face face = fa.locate(img.image()).stream()
                .max(java.util.Comparator.comparingDouble((Face f) -> f.box().area())).orElse(null);
        if (face == null) {
            ImageFiles.copy(file, target);
            counts[2].incrementAndGet();
            return csv(rel, "no-face", style.type().label(), "", "", "");
        }
        var masked = new mfr.mask.render.MaskRenderer().render(img.image(), face.landmarks(), style);
        ImageFiles.write(masked.toBufferedImage(), target);
        counts[0].incrementAndGet();
        return csv(rel, "masked", style.type().label(), String.format("#%06x", style.rgb()),
                String.format(Locale.ROOT, "%.3f", style.top()), Long.toString(style.seed()));
    }

    private static String csv(String... f) {
        return String.join(",", f);
    }

    /** The path relative to the dataset root, '/'-separated (names with commas are quoted). */
    static String rel(Path root, Path file) {
        String r = root.relativize(file).toString().replace('\\', '/');
        return r.contains(",") || r.contains("\"") ? "\"" + r.replace("\"", "\"\"") + "\"" : r;
    }

    private static Set<String> readLog(Path log) {
        Set<String> done = new HashSet<>();
        if (!Files.isRegularFile(log)) {
            return done;
        }
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.equals(HEADER)) {
                    continue;
                }
                String path;
                if (line.startsWith("\"")) {
                    int end = line.indexOf("\",");
                    if (end < 0) {
                        continue; // a torn last line: that image is redone
                    }
                    path = line.substring(0, end + 1);
                } else {
                    int c = line.indexOf(',');
                    if (c < 0) {
                        continue;
                    }
                    path = line.substring(0, c);
                }
                if (line.split(",").length >= 2) {
                    done.add(path);
                }
            }
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, log + ": cannot read the log to resume: " + e.getMessage());
        }
        return done;
    }

    private static BufferedWriter openLog(Path log) throws IOException {
        Files.createDirectories(log.getParent());
        boolean fresh = !Files.isRegularFile(log) || Files.size(log) == 0;
        boolean torn = !fresh && !Files.readString(log, StandardCharsets.UTF_8).endsWith("\n");
        BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (torn) {
            w.newLine(); // an interrupted run left half a line: end it so the next line starts clean
        }
        if (fresh) {
            w.write(HEADER);
            w.newLine();
            w.flush();
        }
        return w;
    }
}
