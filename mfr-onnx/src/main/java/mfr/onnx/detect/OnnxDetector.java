package mfr.onnx.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import mfr.core.face.Detection;
import mfr.core.geometry.Box;
import mfr.core.image.RgbImage;
import mfr.core.spi.Detector;
import mfr.onnx.runtime.OnnxModel;
import mfr.onnx.runtime.TensorPrep;

/**
 * The default detector ({@code fr_detect}): a fixed 320x240 input whose outputs are softmaxed scores and corner boxes
 * normalised to the input for 4,420 priors. Any image size and aspect ratio is handled by letterboxing: the image is
 * scaled to fit without distortion, padded with mid-grey (zero after normalisation), and boxes are mapped back.
 */
public final class OnnxDetector implements Detector {
    private static final int PAD = 127;
    private final OnnxModel model;
    private final DetectorSettings settings;
    private final ThreadLocal<float[]> scratch = new ThreadLocal<>();

    public OnnxDetector(OnnxModel model, DetectorSettings settings) {
        this.model = model;
        this.settings = settings;
    }

    /** The letterboxed detector input for {@code image} and the scale from image to input pixels. */
    public record Input(float[] tensor, double scale) {
    }

    public Input prepare(RgbImage image) {
        return prepare(image, null);
    }

    private Input prepare(RgbImage image, float[] into) {
        int iw = model.spec().inputWidth();
        int ih = model.spec().inputHeight();
        double scale = Math.min(iw / (double) image.width(), ih / (double) image.height());
        // The source rectangle that fills the whole input: the image at top-left, padding right and below.
        return new Input(TensorPrep.resized(image, 0, 0, iw / scale, ih / scale, model.spec(), PAD, into), scale);
    }

    @Override
    public List<Detection> detect(RgbImage image) {
        return detect(image, settings.scoreThreshold());
    }

    /** Detection with another score threshold than the settings' (NMS and size limits unchanged). */
    public List<Detection> detect(RgbImage image, double scoreThreshold) {
        // The input tensor (0.9 MB) is filled in a per-thread array: no allocation, no zeroing per image.
        Input in = prepare(image, scratch.get());
        scratch.set(in.tensor());
        Map<String, float[]> out = model.run(in.tensor(), model.singleShape());
        return decode(out.get("scores"), out.get("boxes"), in.scale(), image.width(), image.height(), scoreThreshold);
    }

    List<Detection> decode(float[] scores, float[] boxes, double scale, int width, int height) {
        return decode(scores, boxes, scale, width, height, settings.scoreThreshold());
    }

    List<Detection> decode(float[] scores, float[] boxes, double scale, int width, int height, double threshold) {
        int iw = model.spec().inputWidth();
        int ih = model.spec().inputHeight();
        int n = scores.length / 2;
        List<Detection> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float s = scores[2 * i + 1];
            if (s < threshold) {
                continue;
            }
            Box b = new Box(boxes[4 * i] * iw / scale, boxes[4 * i + 1] * ih / scale,
                    boxes[4 * i + 2] * iw / scale, boxes[4 * i + 3] * ih / scale).clip(width, height);
            if (Math.min(b.width(), b.height()) < settings.minFaceSize()) {
                continue;
            }
            candidates.add(new Detection(b, s));
        }
        candidates.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : candidates) {
            boolean suppressed = false;
            for (Detection k : kept) {
                if (k.box().iou(d.box()) > settings.nmsIou()) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(d);
                if (kept.size() == settings.maxFaces()) {
                    break;
                }
            }
        }
        return kept;
    }

    public DetectorSettings settings() {
        return settings;
    }

    public OnnxModel model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }
}
