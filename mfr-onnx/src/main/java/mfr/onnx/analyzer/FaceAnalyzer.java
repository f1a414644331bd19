package mfr.onnx.analyzer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import mfr.core.align.FaceAligner;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.face.Detection;
import mfr.core.face.Embedding;
import mfr.core.face.Face;
import mfr.core.geometry.Landmarks;
import mfr.core.image.ImageLoader;
import mfr.core.image.LoadedImage;
import mfr.core.image.RgbImage;
import mfr.onnx.detect.OnnxDetector;
import mfr.onnx.embed.OnnxEmbedder;
import mfr.onnx.landmark.OnnxLandmarker;
import mfr.onnx.model.ModelInstaller;
import mfr.onnx.model.ModelManifest;
import mfr.onnx.model.ModelSpec;
import mfr.onnx.model.ModelTask;
import mfr.onnx.runtime.OnnxModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline: detect, 68 landmarks, 5-point ArcFace alignment, embed. Two lines for a user:
 * <pre>{@code
 * try (FaceAnalyzer fa = FaceAnalyzer.open(AnalyzerConfig.defaults())) {
 *     List<Face> faces = fa.analyze(fa.load(Path.of("photo.jpg")));
 * }
 * }</pre>
 * Thread-safe: one analyzer serves many threads. Closing it releases the three native sessions.
 */
public final class FaceAnalyzer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FaceAnalyzer.class);

    /**
     * Version of the preprocessing (detection, landmarks, alignment, tensor layout). Cached embeddings carry it in
     * their key: raise it whenever a change alters the embeddings this pipeline produces.
     */
    public static final int PIPELINE_VERSION = 1;

    private final AnalyzerConfig config;
    private final ImageLoader loader;
    private final OnnxDetector detector;
    private final OnnxLandmarker landmarker;
    private final OnnxEmbedder embedder;
    private final FaceAligner aligner = new FaceAligner();
    private final RescueDetector rescued;

    private FaceAnalyzer(AnalyzerConfig config, OnnxDetector detector, OnnxLandmarker landmarker, OnnxEmbedder embedder) {
        this.config = config;
        this.loader = new ImageLoader(config.imageLimits());
        this.detector = detector;
        this.landmarker = landmarker;
        this.embedder = embedder;
        this.rescued = new RescueDetector(detector, landmarker, config.rescue());
    }

    /** Opens the models named by {@code config}, installing the default models first if they are missing. */
    public static FaceAnalyzer open(AnalyzerConfig config) {
        LOG.debug("analyzer config {}", config.describe());
        ModelManifest manifest = new ModelInstaller(config.home()).ensureInstalled();
        Path dir = config.home().models();
        ModelSpec det = manifest.require(config.detectorId(), ModelTask.DETECTOR);
        if (config.detectorOrder() != null) {
            det = det.withChannelOrder(config.detectorOrder());
        }
        ModelSpec lmk = manifest.require(config.landmarksId(), ModelTask.LANDMARKS);
        ModelSpec emb = manifest.require(config.embedderId(), ModelTask.EMBEDDER);
        if (config.embedderOrder() != null) {
            emb = emb.withChannelOrder(config.embedderOrder());
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            OnnxModel d = OnnxModel.load(dir, det, config.ort());
            opened.add(d);
            OnnxModel l = OnnxModel.load(dir, lmk, config.ort());
            opened.add(l);
            OnnxModel e = OnnxModel.load(dir, emb, config.ort());
            opened.add(e);
            return new FaceAnalyzer(config, new OnnxDetector(d, config.detector()), new OnnxLandmarker(l),
                    new OnnxEmbedder(e, config.flipTest()));
        } catch (RuntimeException ex) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    ex.addSuppressed(suppressed);
                }
            }
            throw ex;
        }
    }

    public AnalyzerConfig config() {
        return config;
    }

    public LoadedImage load(Path file) {
        return loader.load(file);
    }

    public ImageLoader loader() {
        return loader;
    }

    /** One detector pass, without the rescue pass (see {@link #detectFaces}). */
    public List<Detection> detect(RgbImage image) {
        return detector.detect(image);
    }

    /** The detection that {@link #locate} and {@link #analyze} use: the detector, then the rescue pass if configured. */
    public List<Detection> detectFaces(RgbImage image) {
        return rescued.detect(image);
    }

    /** Faces with boxes and 68 landmarks, no embedding. */
    public List<Face> locate(RgbImage image) {
        List<Face> out = new ArrayList<>();
        for (Detection d : rescued.detect(image)) {
            out.add(new Face(d.box(), d.score(), landmarker.landmarks(image, d.box()), null, null));
        }
        return out;
    }

    /** Faces with everything: box, landmarks, aligned crop and embedding, best detection first. */
    public List<Face> analyze(RgbImage image) {
        return analyze(image, StageTimer.NONE);
    }

    public List<Face> analyze(LoadedImage image) {
        return analyze(image.image(), StageTimer.NONE);
    }

    public List<Face> analyze(RgbImage image, StageTimer timer) {
        long t0 = System.nanoTime();
        List<Detection> dets = rescued.detect(image);
        long t1 = System.nanoTime();
        timer.record("detect", t1 - t0);
        List<Landmarks> lms = new ArrayList<>(dets.size());
        for (Detection d : dets) {
            lms.add(landmarker.landmarks(image, d.box()));
        }
        long t2 = System.nanoTime();
        timer.record("landmarks", t2 - t1);
        List<RgbImage> crops = new ArrayList<>(dets.size());
        for (Landmarks l : lms) {
            crops.add(aligner.align(image, l));
        }
        long t3 = System.nanoTime();
        timer.record("align", t3 - t2);
        List<Embedding> embs = embedder.embedAll(crops);
        timer.record("embed", System.nanoTime() - t3);
        List<Face> faces = new ArrayList<>(dets.size());
        for (int i = 0; i < dets.size(); i++) {
            faces.add(new Face(dets.get(i).box(), dets.get(i).score(), lms.get(i), crops.get(i), embs.get(i)));
        }
        return faces;
    }

    /**
     * The main face of a photo: the largest box, ties broken by score. Throws {@link ErrorCode#NO_FACE} when the
     * detector finds none.
     */
    public Face mainFace(LoadedImage image) {
        List<Face> faces = analyze(image.image(), StageTimer.NONE);
        return faces.stream().max(Comparator.comparingDouble((Face f) -> f.box().area()).thenComparingDouble(Face::score))
                .orElseThrow(() -> new MfrException(ErrorCode.NO_FACE, image.source() + ": no face found"));
    }

    public Embedding embedAligned(RgbImage aligned) {
        return embedder.embed(aligned);
    }

    /** Embeds many aligned crops, in batches where the model allows. */
    public List<Embedding> embedAligned(List<RgbImage> aligned) {
        return embedder.embedAll(aligned);
    }

    public OnnxDetector detector() {
        return detector;
    }

    public OnnxLandmarker landmarker() {
        return landmarker;
    }

    public OnnxEmbedder embedder() {
        return embedder;
    }

    public FaceAligner aligner() {
        return aligner;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (AutoCloseable c : List.<AutoCloseable>of(detector, landmarker, embedder)) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException r ? r : new RuntimeException(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
