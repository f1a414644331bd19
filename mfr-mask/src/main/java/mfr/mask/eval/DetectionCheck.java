package mfr.mask.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import mfr.core.error.MfrException;
import mfr.core.face.Face;
import mfr.core.image.RgbImage;
import mfr.core.task.Parallel;
import mfr.mask.dataset.Mfr2Dataset;
import mfr.mask.render.MaskRenderer;
import mfr.mask.render.MaskStyle;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.FaceAnalyzer;

/**
 * The detector's miss rate (images where it finds no face) with one plain pass ("before") and with the rescue pass
 * ("after", {@link FaceAnalyzer#detectFaces}), on: MFR2's real masked photos, MFR2's unmasked photos, unmasked LFW
 * photos, the same LFW photos with a synthetic mask drawn from the landmarks found on the unmasked photo, and, to
 * see false detections, the top-left third of each LFW photo (where a "miss" is the right answer).
 */
public final class DetectionCheck {
    /** Misses of one set; {@code missedAfter} lists the files still missed. */
    public record SetResult(int images, int missedBefore, int missedAfter, double rateBefore, double rateAfter,
                            List<String> stillMissed) {
    }

    private final FaceAnalyzer fa;
    private final MaskRenderer renderer = new MaskRenderer();

    public DetectionCheck(FaceAnalyzer fa) {
        this.fa = fa;
    }

    public Map<String, SetResult> run(Mfr2Dataset mfr2, List<Path> lfw, List<MaskType> types, long seed, int threads,
                                      IntConsumer progress) {
        AtomicInteger step = new AtomicInteger();
        IntConsumer tick = i -> progress.accept(step.incrementAndGet());
        Map<String, SetResult> out = new LinkedHashMap<>();
        out.put("mfr2 real masked", measure(mfr2.masked().stream().map(Mfr2Dataset.Entry::file).toList(),
                p -> fa.load(p).image(), threads, tick));
        out.put("mfr2 unmasked", measure(mfr2.unmasked().stream().map(Mfr2Dataset.Entry::file).toList(),
                p -> fa.load(p).image(), threads, tick));
        out.put("lfw unmasked", measure(lfw, p -> fa.load(p).image(), threads, tick));
        // False detections: the top-left third of each LFW photo (background or hair; the face is centred).
        out.put("lfw corners (no face)", measure(lfw, p -> strip(fa.load(p).image()), threads, tick));
        Random rng = new Random(seed);
        Map<Path, MaskStyle> styles = new LinkedHashMap<>();
        for (Path p : lfw) {
            styles.put(p, MaskStyle.random(types, rng));
        }
        out.put("lfw synthetic masked", measure(lfw, p -> {
            RgbImage im = fa.load(p).image();
            List<Face> fs = fa.locate(im);
            Face f = fs.stream().max(java.util.Comparator.comparingDouble((Face x) -> x.box().area())).orElse(null);
            if (f == null) {
                return null; // no face even unmasked: not part of this set
            }
            return renderer.render(im, f.landmarks(), styles.get(p));
        }, threads, tick));
        return out;
    }

    private static RgbImage strip(RgbImage im) {
        int w = Math.max(1, im.width() / 3);
        int h = Math.max(1, im.height() / 3);
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(im.rgb(), y * im.width() * 3, out, y * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }

    private SetResult measure(List<Path> files, java.util.function.Function<Path, RgbImage> image, int threads,
                              IntConsumer tick) {
        AtomicInteger n = new AtomicInteger();
        AtomicInteger before = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        List<String> still = java.util.Collections.synchronizedList(new ArrayList<>());
        Parallel.forEach(files, threads, p -> {
            try {
                RgbImage im = image.apply(p);
                if (im != null) {
                    n.incrementAndGet();
                    if (fa.detect(im).isEmpty()) {
                        before.incrementAndGet();
                    }
                    if (fa.detectFaces(im).isEmpty()) {
                        after.incrementAndGet();
                        still.add(p.getParent().getFileName() + "/" + p.getFileName());
                    }
                }
            } catch (MfrException e) {
                // unreadable: not counted
            }
            tick.accept(0);
        });
        int total = n.get();
        List<String> sorted = new ArrayList<>(still);
        java.util.Collections.sort(sorted);
        return new SetResult(total, before.get(), after.get(), (double) before.get() / Math.max(1, total),
                (double) after.get() / Math.max(1, total), sorted);
    }
}
